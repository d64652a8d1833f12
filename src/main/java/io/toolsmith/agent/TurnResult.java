package io.toolsmith.agent;

import io.toolsmith.conversation.CallRecord;
import java.util.List;

/**
 * The outcome of one user turn.
 *
 * @param reply      the model's last reply (the answer shown to the user)
 * @param calls      every call made during the turn, in order
 * @param discovered names of functions the model wrote during the turn
 * @param stoppedAtStepLimit true when the model kept calling functions until the step limit ended the turn
 * @param cutOff     when the last reply was ended by the length limit, the sentence that says so; otherwise null
 */
public record TurnResult(String reply, List<CallRecord> calls, List<String> discovered, List<String> warnings,
                         boolean stoppedAtStepLimit, double tokensPerSecond, String cutOff) {

    public boolean wasCutOff() {
        return cutOff != null;
    }
}
