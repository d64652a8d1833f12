package io.toolsmith.functions;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.sandbox.Grant;
import io.toolsmith.util.Cancellation;
import java.util.List;

/** Runs one call of a module's function in a scratch sandbox (implemented by the sandbox package). */
public interface ExampleExecutor extends AutoCloseable {
    /**
     * Runs the call allowed only what {@code grant} says, as a real call of the function would be, on a copy of
     * the data folder; the result carries what the call changed in that copy.
     */
    ExampleResult run(String module, String code, String function, JsonNode arguments, Grant grant) throws Exception;

    /**
     * As {@link #run(String, String, String, JsonNode, Grant)}, stopping the call as soon as {@code cancel} fires:
     * a sandbox kills the call's processes then rather than waiting for them. This default cannot stop a call
     * under way and only declines to start one once cancelled.
     */
    default ExampleResult run(String module, String code, String function, JsonNode arguments, Grant grant,
                              Cancellation cancel) throws Exception {
        if (cancel.isCancelled()) {
            return ExampleResult.failure("Cancelled", "The examples were cancelled before this one ran.");
        }
        return run(module, code, function, arguments, grant);
    }

    /** What the examples' data folder left out of the real one (links, pipes…), one sentence each. */
    default List<String> skipped() {
        return List.of();
    }

    /** Removes whatever the examples ran on (the scratch copy, its sandbox); nothing to remove by default. */
    @Override
    default void close() {
    }
}
