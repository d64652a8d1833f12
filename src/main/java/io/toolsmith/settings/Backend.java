package io.toolsmith.settings;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Which kind of model server answers. Unknown values in an old or hand-edited file read as Ollama. */
public enum Backend implements SettingChoice {
    @JsonEnumDefaultValue
    @JsonProperty("ollama") @JsonAlias({"OLLAMA", "Ollama"})
    OLLAMA("Ollama"),
    /** An OpenAI-compatible server: llama.cpp, LM Studio, vLLM. */
    @JsonProperty("openai") @JsonAlias({"OPENAI", "OpenAI", "openai-compatible", "openai_compatible"})
    OPENAI("OpenAI-compatible");

    private final String label;

    Backend(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
