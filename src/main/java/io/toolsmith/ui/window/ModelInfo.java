package io.toolsmith.ui.window;

import java.util.Set;

/** A model as the picker shows it: name, a short detail ("12B, Q4_K_M") and capabilities. */
public record ModelInfo(String name, String details, Set<ModelCapability> capabilities) {
    public ModelInfo {
        capabilities = Set.copyOf(capabilities);
    }

    public boolean has(ModelCapability capability) {
        return capabilities.contains(capability);
    }
}
