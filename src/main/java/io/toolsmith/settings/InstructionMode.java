package io.toolsmith.settings;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the instructions go: chosen by the model's template, a system message, or the first user message. */
public enum InstructionMode implements SettingChoice {
    @JsonEnumDefaultValue
    @JsonProperty("auto") @JsonAlias({"AUTO", "Auto"})
    AUTO("Auto"),
    @JsonProperty("system") @JsonAlias({"SYSTEM", "System"})
    SYSTEM("System message"),
    @JsonProperty("first_user") @JsonAlias({"FIRST_USER", "first-user", "firstUser", "user"})
    FIRST_USER("First user message");

    private final String label;

    InstructionMode(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
