package io.toolsmith.functions;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.data.DataImport;
import java.time.Instant;

/**
 * One call the model made, or one undo of the data folder, as written to activity.jsonl: calls that ran, and calls
 * that did not (refused by the user, not approved, unknown), so the log shows everything functions were asked to do.
 *
 * @param outcome      {@link #OK}, {@link #ERROR}, {@link #DENIED}, {@link #NOT_APPROVED}, {@link #UNKNOWN} or
 *                     {@link #UNDO}; older files hold only the first two
 * @param errorName    the exception's name when the outcome is not "ok", else null
 * @param approvalHash the approval the call ran under ({@link CallPermit#approvalHash()}); null when it did not run
 * @param detail       what came of it in words: the result (cut short), the error's or refusal's sentence, or what
 *                     an undo restored; null in entries written before it was kept
 * @param source       who asked for the call when it was not the chat: the MCP client's name; null for the chat
 */
public record ActivityEntry(Instant time, String callId, String function, String module, JsonNode arguments,
                            String outcome, String errorName, long durationMs, String approvalHash, String detail,
                            String source) {
    public static final String OK = "ok";
    public static final String ERROR = "error";
    /** The user answered No to the call. */
    public static final String DENIED = "denied";
    /** The function is not approved (or asks first and was not asked), so the call did not run. */
    public static final String NOT_APPROVED = "not approved";
    /** The model called a function the library does not have. */
    public static final String UNKNOWN = "unknown function";
    /** The data folder was put back as it was before a call; {@code function} names what was undone. */
    public static final String UNDO = "undo";
    /** A result longer than this is cut in the log: the log is for seeing what happened, not a copy of the data. */
    public static final int MAX_DETAIL = 2_000;

    /** A call the chat made, with what came of it. */
    public ActivityEntry(Instant time, String callId, String function, String module, JsonNode arguments,
                         String outcome, String errorName, long durationMs, String approvalHash, String detail) {
        this(time, callId, function, module, arguments, outcome, errorName, durationMs, approvalHash, detail, null);
    }

    public ActivityEntry {
        if (detail != null && detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL) + "…";
        }
    }

    /** A call the chat made, as entries were written before the detail was kept. */
    public ActivityEntry(Instant time, String callId, String function, String module, JsonNode arguments,
                         String outcome, String errorName, long durationMs, String approvalHash) {
        this(time, callId, function, module, arguments, outcome, errorName, durationMs, approvalHash, null, null);
    }

    /**
     * An undo of the data folder, worded the same wherever it was asked for.
     *
     * @param label    what the snapshot was taken before (a call's name, or "a snapshot" when it is not known)
     * @param callId   the call it was taken before, or null
     * @param safetyId the snapshot of the folder as it was just before the undo, so the undo itself can be undone
     * @param source   null for the window, "CLI" for {@code toolsmith data undo}
     */
    public static ActivityEntry undo(String label, String callId, String safetyId, String source) {
        String what = label == null ? "a snapshot" : label;
        return new ActivityEntry(Instant.now(), callId, what, null, null, UNDO, null, 0, null,
                "The data folder was put back as it was before " + what + (callId == null
                        || callId.equals(DataImport.REPLACE_SNAPSHOT) ? "" : " (call " + callId + ")")
                        + ". The state before the undo was kept as snapshot " + safetyId + ".", source);
    }

    public boolean ok() {
        return OK.equals(outcome);
    }

    /** Whether the function's code ran (successfully or not), as opposed to a refused call or an undo. */
    public boolean ran() {
        return OK.equals(outcome) || ERROR.equals(outcome);
    }
}
