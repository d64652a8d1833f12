package io.toolsmith.protocol;

/** Where a call came from: the protocol's own block, Gemma's tool_code habit, a json block, or the server's native tool calls. */
public enum CallSource {
    FUNCTION_CALL, TOOL_CODE, JSON_BLOCK, NATIVE
}
