package io.toolsmith.functions;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.data.DataChange;
import java.util.List;

/**
 * The outcome of one example call: a result, or an error with the exception's name and message, and what the call
 * did to its copy of the data folder.
 *
 * @param result  null when the call failed
 * @param changes what the call changed in the copy of the data folder, one entry per file (empty: nothing)
 */
public record ExampleResult(boolean ok, JsonNode result, String errorName, String errorMessage,
                            List<DataChange> changes) {
    public ExampleResult {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public ExampleResult(boolean ok, JsonNode result, String errorName, String errorMessage) {
        this(ok, result, errorName, errorMessage, List.of());
    }

    public static ExampleResult success(JsonNode result) {
        return new ExampleResult(true, result, null, null);
    }

    public static ExampleResult failure(String errorName, String errorMessage) {
        return new ExampleResult(false, null, errorName, errorMessage);
    }

    /** The same outcome with the data changes it made. */
    public ExampleResult withChanges(List<DataChange> made) {
        return new ExampleResult(ok, result, errorName, errorMessage, made);
    }
}
