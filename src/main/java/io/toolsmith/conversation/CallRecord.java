package io.toolsmith.conversation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.protocol.Nesting;

/**
 * What became of one function call the model asked for: kept on the assistant message that made it,
 * so a reopened chat shows every call with its outcome.
 *
 * @param id        the call id exactly as the model wrote it (string or number)
 * @param arguments the arguments as parsed; null for a call that could not be read
 * @param result    the function's return value, when {@code status} is {@link CallStatus#OK}
 * @param errorName the error's name otherwise (e.g. {@code NotApprovedError}, {@code InvalidDateError})
 * @param output    what the function printed, if anything
 * @param snapshot  the id of the data folder's snapshot taken just before the call ran, or null when it did not run
 *                  (or ran before snapshots were noted here): what a rewind of the chat puts the data back to
 */
public record CallRecord(JsonNode id, String function, ObjectNode arguments, CallStatus status,
                         JsonNode result, String errorName, String errorMessage, String output, long durationMillis,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String snapshot) {

    /**
     * Every record passes here, whoever made it and whether new or read from a chat file: arguments or a result
     * nested past {@link Nesting#LIMIT} are dropped, so the chat stays writable (Jackson refuses to write very deep
     * values) and a record made before the limit existed still reads. Calls are refused before running on the
     * same limit, so this only drops values that never ran or never reached the model.
     */
    @JsonCreator
    public CallRecord {
        if (Nesting.exceedsLimit(arguments)) {
            arguments = null;
        }
        if (Nesting.exceedsLimit(result)) {
            result = null;
            status = CallStatus.ERROR;
            errorName = Nesting.ERROR_NAME;
            errorMessage = Nesting.resultTooDeep(function);
        }
    }

    /** A record of a call that ran without a snapshot, or did not run. */
    public CallRecord(JsonNode id, String function, ObjectNode arguments, CallStatus status, JsonNode result,
                      String errorName, String errorMessage, String output, long durationMillis) {
        this(id, function, arguments, status, result, errorName, errorMessage, output, durationMillis, null);
    }

    /** This record, noting the snapshot taken before the call ran. */
    public CallRecord withSnapshot(String snapshotId) {
        return new CallRecord(id, function, arguments, status, result, errorName, errorMessage, output, durationMillis,
                snapshotId);
    }

    public enum CallStatus {
        OK("ok"), ERROR("error"), NOT_APPROVED("not_approved"), MALFORMED("malformed"), DENIED("denied"),
        /** The model called a function the library does not have (misspelt, deleted, never written). */
        UNKNOWN_FUNCTION("unknown_function");

        private final String wire;

        CallStatus(String wire) {
            this.wire = wire;
        }

        /** The name used in JSON output ({@code ok|error|not_approved|malformed|denied|unknown_function}). */
        public String wire() {
            return wire;
        }
    }

    public String idText() {
        return id == null || id.isNull() ? "" : id.asText();
    }

    public boolean ok() {
        return status == CallStatus.OK;
    }
}
