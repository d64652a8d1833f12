package io.toolsmith.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Runs a call an MCP client asked for: here, or in the process that executes the home's calls. */
public interface CallExecutor {
    /**
     * @param client the MCP client's name, recorded as the call's source
     * @return the outcome; never throws for a refusal, which is a reply with its sentence
     */
    CallReply call(String client, String function, ObjectNode arguments);
}
