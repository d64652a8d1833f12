package io.toolsmith.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A function specification the reply contained: the object when it could be read, else the problem (a sentence). */
public record SpecBlock(ObjectNode spec, String problem, String raw) {

    /** The spec's {@code name}, or null when it has none or could not be read. */
    public String name() {
        return spec != null && spec.path("name").isTextual() ? spec.get("name").asText() : null;
    }
}
