package io.toolsmith.settings;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Which sandbox runs approved functions. Unknown values read as the local worker. */
public enum SandboxBackend implements SettingChoice {
    @JsonEnumDefaultValue
    @JsonProperty("local") @JsonAlias({"LOCAL", "Local", "bubblewrap"})
    LOCAL("Local", "local"),
    @JsonProperty("microsandbox") @JsonAlias({"MICROSANDBOX", "Microsandbox"})
    MICROSANDBOX("Microsandbox", "microsandbox");

    private final String label;
    private final String wire;

    SandboxBackend(String label, String wire) {
        this.label = label;
        this.wire = wire;
    }

    @Override
    public String label() {
        return label;
    }

    /** The name the sandbox package knows the backend by. */
    public String wire() {
        return wire;
    }
}
