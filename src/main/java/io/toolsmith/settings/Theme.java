package io.toolsmith.settings;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The window's look; {@code system} follows TOOLSMITH_THEME, then GTK_THEME. */
public enum Theme implements SettingChoice {
    @JsonEnumDefaultValue
    @JsonProperty("system") @JsonAlias({"SYSTEM", "System", "auto"})
    SYSTEM("System"),
    @JsonProperty("light") @JsonAlias({"LIGHT", "Light"})
    LIGHT("Light"),
    @JsonProperty("dark") @JsonAlias({"DARK", "Dark"})
    DARK("Dark");

    private final String label;

    Theme(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
