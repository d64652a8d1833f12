package io.toolsmith.functions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Runs one call of a module's function in a scratch sandbox (implemented by the sandbox package). */
public interface ExampleExecutor {
    ExampleResult run(String module, String code, String function, JsonNode arguments) throws Exception;

    /** What the examples' data folder left out of the real one (links, pipes…), one sentence each. */
    default List<String> skipped() {
        return List.of();
    }
}
