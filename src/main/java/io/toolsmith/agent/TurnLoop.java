package io.toolsmith.agent;

import com.fasterxml.jackson.databind.node.TextNode;
import io.toolsmith.conversation.CallRecord;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.conversation.ConversationStore;
import io.toolsmith.conversation.Instructions;
import io.toolsmith.conversation.Message;
import io.toolsmith.conversation.NativeTools;
import io.toolsmith.functions.FunctionLibrary;
import io.toolsmith.functions.LibraryIntake;
import io.toolsmith.llm.ChatBackend;
import io.toolsmith.llm.ChatOptions;
import io.toolsmith.llm.ChatReply;
import io.toolsmith.llm.ChatRequest;
import io.toolsmith.llm.LlmException;
import io.toolsmith.llm.ModelDetails;
import io.toolsmith.llm.StreamListener;
import io.toolsmith.llm.ToolCall;
import io.toolsmith.protocol.CallSource;
import io.toolsmith.protocol.FunctionCall;
import io.toolsmith.protocol.FunctionOutput;
import io.toolsmith.protocol.ParsedReply;
import io.toolsmith.protocol.ReplyParser;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
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
    private final CallDispatcher dispatcher;
    private final ReplyParser parser = new ReplyParser();
    private final TurnSettings settings;
    private final ConversationSaver saver;

    public TurnLoop(ChatBackend backend, FunctionLibrary library, CallRunner runner, TurnSettings settings,
                    ConversationSaver saver) {
        this.backend = backend;
        this.library = library;
        this.dispatcher = new CallDispatcher(library, runner);
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
        boolean nativeTools = usesNativeTools(model);

        List<CallRecord> allCalls = new ArrayList<>();
        List<String> discovered = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String lastReply = "";
        double tokensPerSecond = 0;
        for (int step = 1; step <= settings.stepLimit(); step++) {
            listener.replyStarted(step);
            ChatReply reply = stream(conversation, placement, nativeTools, listener, cancel);
            tokensPerSecond = reply.stats() == null ? 0 : reply.stats().tokensPerSecond();
            Message stored = Message.assistant(reply.content(), !reply.complete(), tokensPerSecond);
            conversation.add(stored);
            saver.save(conversation);
            lastReply = reply.content();
            if (reply.cancelled()) {
                // A stopped reply is kept as far as it got; half-written calls in it are not run.
                listener.replyFinished(stored);
                warnings.add("The reply was stopped.");
                return new TurnResult(lastReply, allCalls, discovered, warnings, false, tokensPerSecond);
            }

            ParsedReply parsed = parser.parse(reply.content());
            discovered.addAll(discover(parsed, userText, listener, warnings));
            parsed.warnings().forEach(w -> warn(w, listener, warnings));
            listener.replyFinished(stored);
            List<FunctionCall> nativeCalls = nativeCalls(reply, step);
            if (!parsed.hasCalls() && nativeCalls.isEmpty()) {
                return new TurnResult(lastReply, allCalls, discovered, warnings, false, tokensPerSecond);
            }
            allCalls.addAll(answerCalls(conversation, stored, parsed, nativeCalls, listener, cancel));
            if (cancel.isCancelled()) {
                throw new UserFacingException("The turn was stopped before the model saw the function results.");
            }
        }
        warn("The model was still calling functions after " + settings.stepLimit()
                + " steps, so the turn was stopped. Raise the step limit in Settings if this task needs more.", listener, warnings);
        return new TurnResult(lastReply, allCalls, discovered, warnings, true, tokensPerSecond);
    }

    /**
     * Runs the reply's calls and stores the answers: native tool results as {@code tool} messages, block
     * calls as one message of {@code function_output} blocks. The reply keeps a record of every call.
     */
    private List<CallRecord> answerCalls(Conversation conversation, Message stored, ParsedReply parsed,
                                         List<FunctionCall> nativeCalls, TurnListener listener, Cancellation cancel)
            throws UserFacingException {
        List<CallRecord> records = dispatcher.dispatch(parsed.malformed(), parsed.calls(), listener, cancel);
        List<CallRecord> nativeRecords = dispatcher.dispatch(List.of(), nativeCalls, listener, cancel);
        List<CallRecord> stepRecords = new ArrayList<>(nativeRecords);
        stepRecords.addAll(records);
        conversation.replaceLast(stored.withCalls(stepRecords));
        if (!nativeRecords.isEmpty()) {
            Message results = Message.toolResults(NativeTools.resultsJson(nativeRecords));
            conversation.add(results);
            listener.outputsSent(results);
        }
        if (!records.isEmpty()) {
            Message outputs = Message.functionOutputs(
                    FunctionOutput.toMessage(records.stream().map(TurnLoop::toOutput).toList()));
            conversation.add(outputs);
            listener.outputsSent(outputs);
        }
        saver.save(conversation);
        return stepRecords;
    }

    private ModelDetails modelDetails(String model) {
        try {
            return backend.showModel(model);
        } catch (LlmException e) {
            // Unknown details only change where instructions go; the chat request itself will report real trouble.
            return null;
        }
    }

    /** Native tool calling when chosen, or in {@code auto} when the model says it supports tools. */
    private boolean usesNativeTools(ModelDetails model) {
        return switch (settings.callingMode()) {
            case "native" -> true;
            case "auto" -> model != null && model.supports("tools");
            default -> false;
        };
    }

    private static List<FunctionCall> nativeCalls(ChatReply reply, int step) {
        List<FunctionCall> calls = new ArrayList<>();
        int index = 0;
        for (ToolCall toolCall : reply.toolCalls()) {
            // Older servers send no id; one is made up so the result can still be matched to its call.
            String id = toolCall.id() == null || toolCall.id().isBlank() ? "call_" + step + "_" + index : toolCall.id();
            calls.add(new FunctionCall(TextNode.valueOf(id), toolCall.name(),
                    toolCall.arguments() == null ? Json.MAPPER.createObjectNode() : toolCall.arguments(),
                    CallSource.NATIVE, List.of()));
            index++;
        }
        return calls;
    }

    private ChatReply stream(Conversation conversation, Instructions.Placement placement, boolean nativeTools,
                             TurnListener listener, Cancellation cancel) throws UserFacingException {
        var specs = library.approvedSpecs();
        String instructionText = settings.instructions().text(specs, nativeTools);
        var messages = Instructions.apply(instructionText, placement, conversation.snapshot());
        ChatRequest request = new ChatRequest(conversation.model, messages, settings.options(),
                nativeTools ? NativeTools.tools(specs) : List.of());
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

    /**
     * Adds the reply's code and specs to the library as pending; which code blocks are meant as functions is
     * {@link LibraryIntake}'s call. A block that cannot be stored is reported as a warning; the turn goes on,
     * since nothing of it would run anyway.
     */
    private List<String> discover(ParsedReply parsed, String userText, TurnListener listener, List<String> warnings) {
        List<String> names = new ArrayList<>();
        LibraryIntake intake = new LibraryIntake(library, userText,
                parsed.specs().stream().filter(s -> s.spec() != null).map(s -> s.spec().path("name").asText("")).toList());
        for (String code : parsed.pythonBlocks()) {
            try {
                if (!intake.admits(code)) {
                    continue;
                }
                names.addAll(library.addCode(code));
            } catch (UserFacingException e) {
                warn(e.getMessage(), listener, warnings);
            }
        }
        for (var spec : parsed.specs()) {
            if (spec.spec() == null) {
                continue;
            }
            try {
                names.add(library.addSpec(spec.spec()));
            } catch (UserFacingException e) {
                warn(e.getMessage(), listener, warnings);
            }
        }
        List<String> unique = names.stream().distinct().toList();
        if (!unique.isEmpty()) {
            listener.functionsDiscovered(unique);
        }
        return unique;
    }

    private static void warn(String sentence, TurnListener listener, List<String> warnings) {
        warnings.add(sentence);
        listener.warning(sentence);
    }

    static FunctionOutput toOutput(CallRecord record) {
        return record.ok()
                ? FunctionOutput.result(record.id(), record.result())
                : FunctionOutput.error(record.id(), record.errorName(), record.errorMessage());
    }

    /** What the loop needs from the settings, fixed for the duration of a turn. */
    public record TurnSettings(int stepLimit, String instructionMode, String callingMode, ChatOptions options,
                               Instructions instructions) {
    }
}
