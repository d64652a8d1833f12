package io.toolsmith.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * What one call produced: a result ({@code ok}) or an error, the captured stdout and stderr
 * (cut at the output cap, {@code outputTruncated} then says so) and the wall-clock time taken.
 */
public record CallOutcome(boolean ok, JsonNode result, ErrorInfo error, String output, boolean outputTruncated,
                          Duration elapsed) {

    public static CallOutcome failure(ErrorInfo error, String output, Duration elapsed) {
        return new CallOutcome(false, null, error, output == null ? "" : output, false, elapsed);
    }
}
