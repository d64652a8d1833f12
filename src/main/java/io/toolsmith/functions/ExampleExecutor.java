package io.toolsmith.functions;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.sandbox.Grant;
import java.util.List;

/** Runs one call of a module's function in a scratch sandbox (implemented by the sandbox package). */
public interface ExampleExecutor {
    /**
     * Runs the call allowed only what {@code grant} says, as a real call of the function would be, on a copy of
     * the data folder; the result carries what the call changed in that copy.
     */
    ExampleResult run(String module, String code, String function, JsonNode arguments, Grant grant) throws Exception;

    /** What the examples' data folder left out of the real one (links, pipes…), one sentence each. */
    default List<String> skipped() {
        return List.of();
    }
}
