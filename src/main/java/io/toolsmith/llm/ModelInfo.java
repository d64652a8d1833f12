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
}
