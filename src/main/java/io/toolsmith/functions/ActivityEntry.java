package io.toolsmith.functions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One executed call, as written to activity.jsonl.
 *
 * @param outcome      "ok" or "error"
 * @param errorName    the exception's name when the outcome is "error", else null
 * @param approvalHash the approval the call ran under ({@link CallPermit#approvalHash()})
 */
public record ActivityEntry(Instant time, String callId, String function, String module, JsonNode arguments,
                            String outcome, String errorName, long durationMs, String approvalHash) {
    public static final String OK = "ok";
    public static final String ERROR = "error";

    public boolean ok() {
        return OK.equals(outcome);
    }
}
