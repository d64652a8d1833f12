package io.toolsmith.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.conversation.CallRecord;

/**
 * What became of one call from an MCP client, as sent between processes over the home's socket.
 *
 * @param result    the function's return value when {@code ok}
 * @param errorName the function's exception name, or Toolsmith's (NotApprovedError, InvalidArgumentsError…)
 * @param message   the error's message: for a refusal, the sentence that says why and what to do
 * @param output    what the function printed, or null
 */
public record CallReply(boolean ok, JsonNode result, String errorName, String message, String output) {

    static CallReply of(CallRecord record) {
        return new CallReply(record.ok(), record.result(), record.errorName(), record.errorMessage(), record.output());
    }

    static CallReply refused(String errorName, String sentence) {
        return new CallReply(false, null, errorName, sentence, null);
    }
}
