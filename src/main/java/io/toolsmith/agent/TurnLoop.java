package io.toolsmith.agent;

import io.toolsmith.conversation.CallRecord;
import io.toolsmith.conversation.CallRecord.CallStatus;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.conversation.ConversationStore;
import io.toolsmith.conversation.Instructions;
import io.toolsmith.conversation.Message;
import io.toolsmith.functions.CallPermit;
import io.toolsmith.functions.FunctionLibrary;
import io.toolsmith.llm.ChatBackend;
import io.toolsmith.llm.ChatOptions;
import io.toolsmith.llm.ChatReply;
import io.toolsmith.llm.ChatRequest;
import io.toolsmith.llm.LlmException;
import io.toolsmith.llm.ModelDetails;
import io.toolsmith.llm.StreamListener;
import io.toolsmith.protocol.FunctionCall;
import io.toolsmith.protocol.FunctionOutput;
import io.toolsmith.protocol.MalformedCall;
import io.toolsmith.protocol.ParsedReply;
import io.toolsmith.protocol.ReplyParser;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.UserFacingException;
import java.util.ArrayList;
import java.util.List;

/**
 * One user turn: send, stream the reply, take in the functions it wrote, run the calls it made, answer
 * with function outputs, and repeat until a reply makes no calls or the step limit is reached.
 * Not thread-safe: run one turn per conversation at a time, on a background thread.
 */
public final class TurnLoop {
    private final ChatBackend backend;
    private final FunctionLibrary library;
    private final CallRunner runner;
    private final ReplyParser parser = new ReplyParser();
    private final TurnSettings settings;
    private final ConversationSaver saver;

    public TurnLoop(ChatBackend backend, FunctionLibrary library, CallRunner runner, TurnSettings settings,
                    ConversationSaver saver) {
        this.backend = backend;
        this.library = library;
        this.runner = runner;
        this.settings = settings;
        this.saver = saver;
    }

    /**
     * Runs a turn. The conversation is saved after every message, so a failure keeps everything so far
     * (a cut-off reply is kept and marked incomplete).
     *
     * @throws UserFacingException when the model cannot be reached or the reply fails; the sentence says why
     */
    public TurnResult run(Conversation conversation, String userText, List<String> images, TurnListener listener,
                          Cancellation cancel) throws UserFacingException {
        conversation.add(Message.user(userText, images));
        saver.save(conversation);
        ModelDetails model = modelDetails(conversation.model);
        Instructions.Placement placement = Instructions.placement(settings.instructionMode(), model);

        List<CallRecord> allCalls = new ArrayList<>();
        List<String> discovered = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String lastReply = "";
        double tokensPerSecond = 0;
        for (int step = 1; step <= settings.stepLimit(); step++) {
            listener.replyStarted(step);
            ChatReply reply = stream(conversation, placement, listener, cancel);
            tokensPerSecond = reply.stats() == null ? 0 : reply.stats().tokensPerSecond();
            Message stored = Message.assistant(reply.content(), false, tokensPerSecond);
            conversation.add(stored);
            saver.save(conversation);
            lastReply = reply.content();

            ParsedReply parsed = parser.parse(reply.content());
            discovered.addAll(discover(parsed, listener));
            parsed.warnings().forEach(w -> {
                warnings.add(w);
                listener.warning(w);
            });
            listener.replyFinished(stored);
            if (!parsed.hasCalls()) {
                return new TurnResult(lastReply, allCalls, discovered, warnings, false, tokensPerSecond);
            }
            List<CallRecord> records = runCalls(parsed, listener, cancel);
            allCalls.addAll(records);
            conversation.replaceLast(stored.withCalls(records));
            Message outputs = Message.functionOutputs(FunctionOutput.toMessage(records.stream().map(TurnLoop::toOutput).toList()));
            conversation.add(outputs);
            saver.save(conversation);
            listener.outputsSent(outputs);
            if (cancel.isCancelled()) {
                throw new UserFacingException("The turn was stopped before the model saw the function results.");
            }
        }
        String sentence = "The model was still calling functions after " + settings.stepLimit()
                + " steps, so the turn was stopped. Raise the step limit in Settings if this task needs more.";
        warnings.add(sentence);
        listener.warning(sentence);
        return new TurnResult(lastReply, allCalls, discovered, warnings, true, tokensPerSecond);
    }

    private ModelDetails modelDetails(String model) {
        try {
            return backend.showModel(model);
        } catch (LlmException e) {
            // Unknown details only change where instructions go; the chat request itself will report real trouble.
            return null;
        }
    }

    private ChatReply stream(Conversation conversation, Instructions.Placement placement, TurnListener listener,
                             Cancellation cancel) throws UserFacingException {
        String instructionText = settings.instructions().text(library.approvedSpecs());
        var messages = Instructions.apply(instructionText, placement, conversation.snapshot());
        ChatRequest request = new ChatRequest(conversation.model, messages, settings.options(), List.of());
        try {
            return backend.chat(request, new StreamListener() {
                @Override
                public void onContent(String delta) {
                    listener.replyDelta(delta);
                }

                @Override
                public void onThinking(String delta) {
                    listener.thinkingDelta(delta);
                }
            }, cancel);
        } catch (LlmException e) {
            var partial = e.partial().filter(p -> !p.content().isEmpty());
            if (partial.isPresent()) {
                conversation.add(Message.assistant(partial.get().content(), true, 0));
                saver.save(conversation);
            }
            throw e;
        }
    }

    private List<String> discover(ParsedReply parsed, TurnListener listener) {
        List<String> names = new ArrayList<>();
        for (String code : parsed.pythonBlocks()) {
            names.addAll(library.addCode(code));
        }
        for (var spec : parsed.specs()) {
            if (spec.spec() != null) {
                names.add(library.addSpec(spec.spec()));
            }
        }
        List<String> unique = names.stream().distinct().toList();
        if (!unique.isEmpty()) {
            listener.functionsDiscovered(unique);
        }
        return unique;
    }

    private List<CallRecord> runCalls(ParsedReply parsed, TurnListener listener, Cancellation cancel) {
        List<CallRecord> records = new ArrayList<>();
        for (MalformedCall bad : parsed.malformed()) {
            CallRecord record = new CallRecord(bad.id(), bad.function(), null, CallStatus.MALFORMED, null,
                    "MalformedCallError", bad.problem(), null, 0);
            records.add(record);
            listener.callFinished(record);
        }
        for (FunctionCall call : parsed.calls()) {
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
                    library.approve(call.function(), false);
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

    static FunctionOutput toOutput(CallRecord record) {
        return record.ok()
                ? FunctionOutput.result(record.id(), record.result())
                : FunctionOutput.error(record.id(), record.errorName(), record.errorMessage());
    }

    /** What the loop needs from the settings, fixed for the duration of a turn. */
    public record TurnSettings(int stepLimit, String instructionMode, ChatOptions options, Instructions instructions) {
    }
}
