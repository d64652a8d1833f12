package io.toolsmith.agent;

import io.toolsmith.context.FindFunctions;
import io.toolsmith.conversation.CallRecord;
import io.toolsmith.conversation.CallRecord.CallStatus;
import io.toolsmith.functions.CallPermit;
import io.toolsmith.functions.FunctionAction;
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
    private static final String STOPPED = "The user stopped the turn before this call ran.";
    private final FunctionLibrary library;
    private final CallRunner runner;
    private final int maxCallsPerReply;

    CallDispatcher(FunctionLibrary library, CallRunner runner, int maxCallsPerReply) {
        this.library = library;
        this.runner = runner;
        this.maxCallsPerReply = maxCallsPerReply;
    }

    /**
     * Answers every call block: malformed ones with their problem, the first {@code room} calls by running them,
     * the rest with an error saying the reply made more calls ({@code madeInReply} in all) than may run at once.
     */
    List<CallRecord> dispatch(List<MalformedCall> malformed, List<FunctionCall> calls, int room, int madeInReply,
                              TurnListener listener, Cancellation cancel) {
        List<CallRecord> records = new ArrayList<>();
        int madeUp = 0;
        for (MalformedCall bad : malformed) {
            // The parser gives id-less blocks an id; one made here too keeps the answer valid whatever the source.
            MalformedCall answered = bad.id() == null || bad.id().isNull() ? bad.withMadeUpId("malformed_" + ++madeUp) : bad;
            CallRecord record = new CallRecord(answered.id(), answered.function(), null, CallStatus.MALFORMED, null,
                    "MalformedCallError", answered.problem(), null, 0);
            records.add(record);
            listener.callFinished(record);
        }
        for (int i = 0; i < calls.size(); i++) {
            FunctionCall call = calls.get(i);
            CallRecord record;
            if (i >= Math.max(0, room)) {
                record = tooMany(call, madeInReply);
            } else {
                listener.callStarted(call);
                record = cancel.isCancelled()
                        ? CallRunner.refused(call, "CancelledError", STOPPED)
                        : runOne(call, listener, cancel);
                runner.logNotRun(record); // ran calls are logged by the runner; this adds the ones refused here
            }
            records.add(record);
            listener.callFinished(record);
        }
        return records;
    }

    private CallRecord tooMany(FunctionCall call, int madeInReply) {
        int limit = Math.max(0, maxCallsPerReply);
        return new CallRecord(call.id(), call.function(), call.arguments(), CallStatus.DENIED, null, "TooManyCallsError",
                "This reply made " + madeInReply + " calls, but at most " + limit + " run per reply (the "
                        + "maxCallsPerReply setting), so this call was not run. Make at most " + limit
                        + " calls in one reply.", null, 0);
    }

    private CallRecord runOne(FunctionCall call, TurnListener listener, Cancellation cancel) {
        if (FindFunctions.handles(call.function())) {
            // Built in: it reads the library and runs nothing, so it needs neither approval nor the sandbox.
            return FindFunctions.answer(call, library.approvedSpecs());
        }
        CallPermit permit = library.permit(call.function());
        switch (permit.kind()) {
            case RUN:
                return runner.run(call, permit, cancel);
            case UNKNOWN:
                return new CallRecord(call.id(), call.function(), call.arguments(), CallStatus.UNKNOWN_FUNCTION, null,
                        "UnknownFunctionError", permit.sentence(), null, 0);
            case ASK:
            case NOT_APPROVED:
                if (!askable(call.function())) {
                    // Nothing the user could answer would run it (no code yet): refused without asking.
                    return notApproved(call, permit);
                }
                Shown shown = shown(call.function(), permit);
                CallDecision decision = listener.decide(call, permit);
                if (cancel.isCancelled()) {
                    // Stop while the question waited ends the wait: the user stopped the turn, not refused the call
                    return CallRunner.refused(call, "CancelledError", STOPPED);
                }
                if ((decision == CallDecision.APPROVE_AND_RUN || decision == CallDecision.RUN_ONCE)
                        && !shown.equals(shown(call.function(), permit))) {
                    // The user answered about the code and spec they were shown, not about a newer version.
                    return new CallRecord(call.id(), call.function(), call.arguments(), CallStatus.NOT_APPROVED, null,
                            "NotApprovedError", call.function() + " changed while the user was deciding, so it was "
                            + "neither approved nor run; the user reviews the new version first.", null, 0);
                }
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
                if (decision == CallDecision.NOT_ASKED) {
                    return new CallRecord(call.id(), call.function(), call.arguments(), CallStatus.NOT_APPROVED, null,
                            permit.kind() == CallPermit.Kind.ASK ? "ConfirmationNeededError" : "NotApprovedError",
                            permit.sentence(), null, 0);
                }
                // The user said no to this call: the model is told so, not that something is wrong with it.
                return refusedByUser(call, permit.refusal());
            default:
                return notApproved(call, permit);
        }
    }

    /** The code and spec a question is about, to tell whether they changed while the user was deciding. */
    private record Shown(String code, Object spec) {
    }

    private Shown shown(String function, CallPermit permit) {
        String code = permit.module() == null ? null : library.currentCode(permit.module()).orElse(null);
        return new Shown(code, library.find(function).map(e -> (Object) e.spec()).orElse(null));
    }

    private boolean askable(String function) {
        var actions = library.actions(function);
        return actions.contains(FunctionAction.RUN_ONCE) || actions.contains(FunctionAction.APPROVE_AND_RUN);
    }

    private static CallRecord notApproved(FunctionCall call, CallPermit permit) {
        return new CallRecord(call.id(), call.function(), call.arguments(), CallStatus.NOT_APPROVED, null,
                "NotApprovedError", permit.sentence(), null, 0);
    }

    private static CallRecord refusedByUser(FunctionCall call, String sentence) {
        return new CallRecord(call.id(), call.function(), call.arguments(), CallStatus.DENIED, null,
                "CallRefusedError", sentence, null, 0);
    }

}
