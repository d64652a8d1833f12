package io.toolsmith.functions;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The outcome of one example call: a result, or an error with the exception's name and message.
 *
 * @param result null when the call failed
 */
public record ExampleResult(boolean ok, JsonNode result, String errorName, String errorMessage) {

    public static ExampleResult success(JsonNode result) {
        return new ExampleResult(true, result, null, null);
    }

    public static ExampleResult failure(String errorName, String errorMessage) {
        return new ExampleResult(false, null, errorName, errorMessage);
    }
}
