package io.toolsmith.llm;

import java.util.Locale;
import java.util.Set;

/**
 * What the server says about one model.
 *
 * @param capabilities  completion, tools, vision, thinking…; empty when unknown (old or non-Ollama servers)
 * @param contextLength the context length the model was trained for (not the loaded window); null when unknown
 * @param template      the prompt template, null when unknown
 */
public record ModelDetails(String name, String family, Set<String> capabilities, Integer contextLength,
                           String template) {
    public ModelDetails {
        capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
    }

    public boolean supports(String capability) {
        return capabilities.contains(capability.toLowerCase(Locale.ROOT));
    }

    /** True when the server listed capabilities at all, so that a missing one really means "not supported". */
    public boolean capabilitiesKnown() {
        return !capabilities.isEmpty();
    }
}
