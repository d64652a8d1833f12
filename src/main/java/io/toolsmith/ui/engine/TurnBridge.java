package io.toolsmith.ui.engine;

import io.toolsmith.agent.CallDecision;
import io.toolsmith.context.ContextReport;
import io.toolsmith.conversation.CallRecord;
import io.toolsmith.conversation.Message;
import io.toolsmith.functions.CallPermit;
import io.toolsmith.functions.FunctionAction;
import io.toolsmith.functions.FunctionLibrary;
import io.toolsmith.protocol.FunctionCall;
import io.toolsmith.functions.Review;
import io.toolsmith.ui.chat.CallQuestion;
import io.toolsmith.ui.chat.CallStatus;
import io.toolsmith.ui.chat.MessageRole;
import io.toolsmith.ui.chat.TurnEvent;
import io.toolsmith.ui.chat.TurnListener;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.UserFacingException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates what the agent's turn loop reports into the chat's {@link TurnEvent}s for one turn of one
 * conversation. A call that needs the user's word blocks the agent's thread on a future that
 * {@link #decide} completes; cancelling the turn answers every open question with DENY.
 * Called on the agent's and the HTTP thread; {@link #decide} on any thread.
 */
final class TurnBridge implements io.toolsmith.agent.TurnListener {
    private static final Logger LOG = LoggerFactory.getLogger(TurnBridge.class);
    private final TurnListener out;
    private final FunctionLibrary library;
    private final Runnable functionsChanged;
    private final Runnable callFinished;
    private final Map<String, CompletableFuture<CallDecision>> questions = new ConcurrentHashMap<>();
    private boolean approvedHere; // agent thread only
    private boolean firstRequest = true; // agent thread only
    private String heldBack; // agent thread only; noted once, after the first reply
    private volatile boolean inThinking; // set on the HTTP thread while a reply streams, read after it

    TurnBridge(TurnListener out, FunctionLibrary library, Cancellation cancel, Runnable functionsChanged,
               Runnable callFinished) {
        this.out = out;
        this.library = library;
        this.functionsChanged = functionsChanged;
        this.callFinished = callFinished;
        cancel.onCancel(() -> questions.values().forEach(q -> q.complete(CallDecision.DENY)));
    }

    /** The user's answer to a waiting call; ignored when the call is not waiting. */
    void decide(String callId, CallDecision decision) {
        CompletableFuture<CallDecision> question = questions.get(callId);
        if (question != null) {
            question.complete(decision);
        }
    }

    @Override
    public void replyStarted(int step) {
        inThinking = false;
        out.on(new TurnEvent.MessageStarted(MessageRole.ASSISTANT));
    }

    @Override
    public void replyDelta(String text) {
        closeThinking();
        out.on(new TurnEvent.TextDelta(text));
    }

    /**
     * Reasoning that the server sends apart from the reply (thinking models) is shown as the chat shows a
     * {@code thinking} block: folded, above the answer. A four-backtick fence, so that code fences inside
     * the reasoning cannot end it. Only the display gets it; the stored reply stays as the model wrote it.
     */
    @Override
    public void thinkingDelta(String text) {
        if (!inThinking) {
            inThinking = true;
            out.on(new TurnEvent.TextDelta("````thinking\n"));
        }
        out.on(new TurnEvent.TextDelta(text));
    }

    private void closeThinking() {
        if (inThinking) {
            inThinking = false;
            out.on(new TurnEvent.TextDelta("\n````\n\n"));
        }
    }

    @Override
    public void replyFinished(Message reply) {
        closeThinking();
        if (heldBack != null) {
            out.on(new TurnEvent.Note(heldBack));
            heldBack = null;
        }
    }

    /** The server's count goes to the status bar's context meter. */
    @Override
    public void promptCounted(long promptTokens, long processed, int window) {
        if (promptTokens > 0) {
            out.on(new TurnEvent.ContextUsed(promptTokens, window));
        }
    }

    /**
     * Functions or earlier messages held back from the turn's first request are noted under its reply (as a cut-off
     * is), so the note never lands in the middle of the streaming text.
     */
    @Override
    public void requestComposed(ContextReport report) {
        if (firstRequest) {
            heldBack = report.heldBack();
            firstRequest = false;
        }
    }

    @Override
    public void replyCutOff(String sentence) {
        out.on(new TurnEvent.Note(sentence, true));
    }

    @Override
    public void functionsDiscovered(List<String> names) {
        functionsChanged.run();
    }

    @Override
    public void warning(String sentence) {
        LOG.info("Turn warning: {}", sentence);
    }

    @Override
    public void callStarted(FunctionCall call) {
        // A call that will first ask the user shows as waiting (from decide), not as running.
        if (library.permit(call.function()).runs()) {
            out.on(update(call, CallStatus.RUNNING, Set.of()));
        }
    }

    @Override
    public CallDecision decide(FunctionCall call, CallPermit permit) {
        CompletableFuture<CallDecision> question = new CompletableFuture<>();
        questions.put(call.idText(), question);
        out.on(update(call, CallStatus.WAITING_FOR_APPROVAL, choices(library.actions(call.function())))
                .asking(new CallQuestion(permit.kind(), review(call.function()))));
        try {
            CallDecision decision = question.get();
            if (decision != CallDecision.DENY) {
                out.on(update(call, CallStatus.RUNNING, Set.of()));
            }
            // The agent approves after this returns; the library is reported as changed when the call ends.
            approvedHere = approvedHere || decision == CallDecision.APPROVE_AND_RUN;
            return decision;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CallDecision.DENY;
        } catch (ExecutionException e) {
            return CallDecision.DENY;
        } finally {
            questions.remove(call.idText());
        }
    }

    @Override
    public void callFinished(CallRecord record) {
        out.on(TurnEvent.CallUpdate.of(record));
        if (approvedHere) {
            approvedHere = false;
            functionsChanged.run();
        }
        callFinished.run();
    }

    @Override
    public void outputsSent(Message outputs) {
        out.on(new TurnEvent.MessageStarted(MessageRole.FUNCTION_RESULTS));
        out.on(new TurnEvent.TextDelta(outputs.content()));
    }

    /** The function as the card shows it while it asks; null when the library cannot read it (the card says less). */
    private Review review(String function) {
        try {
            return library.review(function);
        } catch (UserFacingException | RuntimeException e) {
            LOG.info("No review of {} for its call card: {}", function, e.getMessage());
            return null;
        }
    }

    /** The answers the card offers: what the library allows for the function, and always Deny. */
    static Set<CallDecision> choices(Set<FunctionAction> allowed) {
        Set<CallDecision> choices = EnumSet.of(CallDecision.DENY);
        if (allowed.contains(FunctionAction.RUN_ONCE)) {
            choices.add(CallDecision.RUN_ONCE);
        }
        if (allowed.contains(FunctionAction.APPROVE_AND_RUN)) {
            choices.add(CallDecision.APPROVE_AND_RUN);
        }
        return choices;
    }

    private static TurnEvent.CallUpdate update(FunctionCall call, CallStatus status, Set<CallDecision> choices) {
        return new TurnEvent.CallUpdate(call.idText(), call.function(), TurnEvent.CallUpdate.arguments(call.arguments()),
                status, null, null, choices);
    }
}
