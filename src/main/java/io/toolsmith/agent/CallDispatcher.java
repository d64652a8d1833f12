package io.toolsmith.agent;

import io.toolsmith.conversation.CallRecord;
import io.toolsmith.conversation.CallRecord.CallStatus;
import io.toolsmith.functions.CallPermit;
import io.toolsmith.functions.FunctionLibrary;
import io.toolsmith.protocol.FunctionCall;
import io.toolsmith.protocol.MalformedCall;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.UserFacingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, call by call, what happens to the calls in one reply: approved ones run, pending or
 * ask-first ones wait for the user's word, everything else is answered with an error the model can read.
 * Calls run in the order the model wrote them. Called on the agent's thread.
 */
final class CallDispatcher {
    private final FunctionLibrary library;
    private final CallRunner runner;

    CallDispatcher(FunctionLibrary library, CallRunner runner) {
        this.library = library;
        this.runner = runner;
    }

    List<CallRecord> dispatch(List<MalformedCall> malformed, List<FunctionCall> calls, TurnListener listener,
                                      Cancellation cancel) {
        List<CallRecord> records = new ArrayList<>();
        for (MalformedCall bad : malformed) {
            CallRecord record = new CallRecord(bad.id(), bad.function(), null, CallStatus.MALFORMED, null,
                    "MalformedCallError", bad.problem(), null, 0);
            records.add(record);
            listener.callFinished(record);
        }
        for (FunctionCall call : calls) {
            listener.callStarted(call);
            CallRecord record = cancel.isCancelled()
                    ? CallRunner.refused(call, "CancelledError", "The user stopped the turn before this call ran.")
                    : runOne(call, listener, cancel);
            records.add(record);
            listener.callFinished(record);
        }
        return records;
    }

    private CallRecord runOne(FunctionCall call, TurnListener listener, Cancellation cancel) {
        CallPermit permit = library.permit(call.function());
        switch (permit.kind()) {
            case RUN:
                return runner.run(call, permit, cancel);
            case ASK:
            case NOT_APPROVED:
                CallDecision decision = listener.decide(call, permit);
                if (decision == CallDecision.APPROVE_AND_RUN) {
                    try {
                        library.approve(call.function(), false);
                    } catch (UserFacingException e) {
                        return CallRunner.refused(call, "NotApprovedError", e.getMessage());
                    }
                    return runner.run(call, library.permit(call.function()), cancel);
                }
                if (decision == CallDecision.RUN_ONCE) {
                    return runner.run(call, permit, cancel);
                }
                return permit.kind() == CallPermit.Kind.ASK
                        ? denied(call, "The user declined to run " + call.function() + " this time.")
                        : notApproved(call, permit);
            default:
                return notApproved(call, permit);
        }
    }

    private static CallRecord notApproved(FunctionCall call, CallPermit permit) {
        return new CallRecord(call.id(), call.function(), call.arguments(), CallStatus.NOT_APPROVED, null,
                "NotApprovedError", permit.sentence(), null, 0);
    }

    private static CallRecord denied(FunctionCall call, String sentence) {
        return new CallRecord(call.id(), call.function(), call.arguments(), CallStatus.DENIED, null,
                "DeniedError", sentence, null, 0);
    }

}
