package io.toolsmith.settings;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How functions are offered to the model: described in the prompt and called in fenced blocks (any model), through
 * the server's tool calling, or tool calling when the model reports it and the prompt otherwise.
 */
public enum CallingMode implements SettingChoice {
    @JsonEnumDefaultValue
    @JsonProperty("prompt") @JsonAlias({"PROMPT", "Prompt", "blocks"})
    PROMPT("Prompt"),
    @JsonProperty("native") @JsonAlias({"NATIVE", "Native", "tools"})
    NATIVE("Native"),
    @JsonProperty("auto") @JsonAlias({"AUTO", "Auto"})
    AUTO("Auto");

    private final String label;

    CallingMode(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
