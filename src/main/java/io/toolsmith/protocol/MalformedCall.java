package io.toolsmith.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A block that meant to call a function but cannot be run. {@code id} and {@code function} are null when the
 * block did not name them; {@code problem} is a sentence the model can act on when it is sent back as an error.
 */
public record MalformedCall(JsonNode id, String function, String problem, String raw) {
}
