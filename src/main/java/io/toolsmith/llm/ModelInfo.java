package io.toolsmith.llm;

import java.time.OffsetDateTime;
import java.util.Set;

/**
 * An installed model as listed by the server. Fields other than {@code name} may be null or empty:
 * older servers and OpenAI-compatible ones report less.
 *
 * @param size         bytes on disk, 0 when unknown
 * @param capabilities e.g. completion, tools, vision, thinking; empty when the server does not say
 */
public record ModelInfo(String name, long size, OffsetDateTime modifiedAt, String family, String parameterSize,
                        String quantization, Set<String> capabilities) {
    public ModelInfo {
        capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
    }

    /** Whether the server says the model can do this (vision, tools, thinking…); false when it does not say. */
    public boolean has(String capability) {
        return capabilities.contains(capability);
    }

    /** The same model with the capabilities learnt from a show request (servers that list none with the model). */
    public ModelInfo withCapabilities(Set<String> learnt) {
        return new ModelInfo(name, size, modifiedAt, family, parameterSize, quantization, learnt);
    }
}
