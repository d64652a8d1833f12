package io.toolsmith.functions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One executed call, as written to activity.jsonl.
 *
 * @param outcome      "ok" or "error"
 * @param errorName    the exception's name when the outcome is "error", else null
 * @param approvalHash the approval the call ran under ({@link CallPermit#approvalHash()})
 * @param source       who asked for the call when it was not the chat: the MCP client's name; null for the chat
 */
public record ActivityEntry(Instant time, String callId, String function, String module, JsonNode arguments,
                            String outcome, String errorName, long durationMs, String approvalHash, String source) {
    public static final String OK = "ok";
    public static final String ERROR = "error";

    /** A call the chat made. */
    public ActivityEntry(Instant time, String callId, String function, String module, JsonNode arguments,
                         String outcome, String errorName, long durationMs, String approvalHash) {
        this(time, callId, function, module, arguments, outcome, errorName, durationMs, approvalHash, null);
    }

    public boolean ok() {
        return OK.equals(outcome);
    }
}
