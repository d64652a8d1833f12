package io.toolsmith.functions;

import com.fasterxml.jackson.databind.JsonNode;

/** Runs one call of a module's function in a scratch sandbox (implemented by the sandbox package). */
public interface ExampleExecutor {
    ExampleResult run(String module, String code, String function, JsonNode arguments) throws Exception;
}
