package io.toolsmith.llm;

import com.fasterxml.jackson.databind.JsonNode;

/** A tool offered to the model natively; {@code parameters} is a JSON Schema object. */
public record ToolSpec(String name, String description, JsonNode parameters) {
}
