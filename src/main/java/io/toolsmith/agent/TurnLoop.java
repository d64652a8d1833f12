package io.toolsmith.agent;

import com.fasterxml.jackson.databind.node.TextNode;
import io.toolsmith.context.ComposedRequest;
import io.toolsmith.context.ContextReport;
import io.toolsmith.context.ContextWindow;
import io.toolsmith.context.RequestComposer;
import io.toolsmith.context.TokenEstimator;
import io.toolsmith.conversation.CallRecord;
import io.toolsmith.conversation.ChatPreset;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.conversation.ConversationSaver;
import io.toolsmith.conversation.ConversationSession;
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
import io.toolsmith.settings.CallingMode;
import io.toolsmith.settings.InstructionMode;
import io.toolsmith.settings.Settings;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.util.ArrayList;
import java.util.List;

/**
 * One user turn: send, stream the reply, take in the functions it wrote, run the calls it made, answer
 * with function outputs, and repeat until a reply makes no calls or the step limit is reached.
 * Runs on a background thread; a chat's {@link ConversationSession} lets one turn at a time change it.
 */
public final class TurnLoop {
    private final ChatBackend backend;
    private final FunctionLibrary library;
    private final CallDispatcher dispatcher;
    private final ReplyParser parser = new ReplyParser();
    private final TurnSettings settings;
    private final ConversationSaver saver;
    private final TokenEstimator estimator;

    public TurnLoop(ChatBackend backend, FunctionLibrary library, CallRunner runner, TurnSettings settings,
                    ConversationSaver saver) {
        this(backend, library, runner, settings, saver, new TokenEstimator());
    }

    /** @param estimator shared by the engine's turns, so what the server reported for one turn corrects the next */
    public TurnLoop(ChatBackend backend, FunctionLibrary library, CallRunner runner, TurnSettings settings,
                    ConversationSaver saver, TokenEstimator estimator) {
        this.backend = backend;
        this.estimator = estimator;
        this.library = library;
        this.dispatcher = new CallDispatcher(library, runner, settings.maxCallsPerReply());
        this.settings = settings;
        this.saver = saver;
    }

    /**
     * Runs a turn. The conversation is saved after every message, so a failure keeps everything so far
     * (a cut-off reply is kept and marked incomplete). The model is checked first: a name the server does not
     * have is refused before anything is stored.
     *
     * @throws UserFacingException when the model cannot be reached or the reply fails; the sentence says why
     */
    public TurnResult run(ConversationSession session, String userText, List<String> images, TurnListener listener,
                          Cancellation cancel) throws UserFacingException {
        try (ConversationSession.Turn ignored = session.beginTurn()) {
            ModelDetails model = modelDetails(session.conversation().model());
            session.add(Message.user(userText, images));
            session.save();
            return loop(new Turn(session, listener, cancel, false), model);
        }
    }

    /** A turn on a chat held only by the caller, saved with this loop's saver. */
    public TurnResult run(Conversation conversation, String userText, List<String> images, TurnListener listener,
                          Cancellation cancel) throws UserFacingException {
        return run(ConversationSession.savedBy(conversation, saver), userText, images, listener, cancel);
    }

    /**
     * Goes on with a turn whose request failed: the stored user message or function outputs are sent again, and
     * no call runs twice. A reply that broke off is replaced by the new one.
     *
     * @throws UserFacingException when there is nothing to continue, or the reply fails again
     */
    public TurnResult resume(ConversationSession session, TurnListener listener, Cancellation cancel)
            throws UserFacingException {
        try (ConversationSession.Turn ignored = session.beginTurn()) {
            Conversation conversation = session.conversation();
            if (!PendingSend.canResume(conversation)) {
                throw new UserFacingException("There is nothing to continue in this chat: its last reply arrived in "
                        + "full. Send a new message instead.");
            }
            ModelDetails model = modelDetails(conversation.model());
            return loop(new Turn(session, listener, cancel, PendingSend.endsWithBrokenReply(conversation.messages())),
                    model);
        }
    }

    /** Continues a chat held only by the caller, saved with this loop's saver. */
    public TurnResult resume(Conversation conversation, TurnListener listener, Cancellation cancel)
            throws UserFacingException {
        return resume(ConversationSession.savedBy(conversation, saver), listener, cancel);
    }

    /**
     * How the next request of a chat with {@code history} to {@code modelName} would use the context window, composed
     * exactly as a turn composes it (same window, estimate, offer and instructions); nothing is sent or stored.
     *
     * @throws UserFacingException when the model is unknown, or the chat's latest turn alone would not fit
     */
    public ContextReport preview(List<Message> history, String modelName) throws UserFacingException {
        return preview(history, modelName, ChatPreset.NONE);
    }

    /** The same for a chat with its own system prompt and options, as its next turn would send them. */
    public ContextReport preview(List<Message> history, String modelName, ChatPreset preset)
            throws UserFacingException {
        TurnSettings chosen = settings.forChat(preset);
        ModelDetails model = modelDetails(modelName);
        RequestComposer composer = composer(modelName, window(model, chosen));
        return composer.compose(chosen.instructions(), Instructions.placement(settings.instructionMode(), model),
                usesNativeTools(model), composer.offer(library.approvedSpecs(), history), history).report();
    }

    private ContextWindow window(ModelDetails model, TurnSettings chosen) {
        return ContextWindow.resolve(chosen.options().numCtx(), model, !backend.sendsContextSize());
    }

    private RequestComposer composer(String model, ContextWindow window) {
        return new RequestComposer(estimator, model, window, settings.options().maxTokens());
    }

    private TurnResult loop(Turn turn, ModelDetails model) throws UserFacingException {
        Instructions.Placement placement = Instructions.placement(settings.instructionMode(), model);
        boolean nativeTools = usesNativeTools(model);
        turn.settings = settings.forChat(turn.session.conversation().preset());
        ContextWindow window = window(model, turn.settings);
        turn.composer = composer(turn.session.conversation().model(), window);
        turn.window = window;
        TurnListener listener = turn.listener;
        ConversationSession session = turn.session;
        String userText = latestUserText(session.messages());
        List<CallRecord> allCalls = new ArrayList<>();
        List<String> discovered = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String lastReply = "";
        double tokensPerSecond = 0;
        for (int step = 1; step <= settings.stepLimit(); step++) {
            listener.replyStarted(step);
            ChatReply reply = stream(turn, placement, nativeTools);
            tokensPerSecond = reply.stats() == null ? 0 : reply.stats().tokensPerSecond();
            Message stored = Message.assistant(reply.content(), !reply.complete(), tokensPerSecond);
            turn.store(stored);
            session.save();
            lastReply = reply.content();
            if (reply.cancelled()) {
                // A stopped reply is kept as far as it got; half-written calls in it are not run.
                listener.replyFinished(stored);
                warnings.add("The reply was stopped.");
                return new TurnResult(lastReply, allCalls, discovered, warnings, false, tokensPerSecond, null);
            }
            String cutOff = reply.cutOffAtLength() ? cutOffSentence() : null;
            ParsedReply parsed = parser.parse(reply.content());
            if (cutOff != null) {
                parsed = CutOffCalls.withoutUnfinishedCall(parser, reply.content(), parsed);
            }
            discovered.addAll(discover(parsed, userText, listener, warnings));
            parsed.warnings().forEach(w -> warn(w, listener, warnings));
            listener.replyFinished(stored);
            if (cutOff != null) {
                listener.replyCutOff(cutOff);
            }
            List<FunctionCall> nativeCalls = nativeCalls(reply, step);
            if (!parsed.hasCalls() && nativeCalls.isEmpty()) {
                return new TurnResult(lastReply, allCalls, discovered, warnings, false, tokensPerSecond, cutOff);
            }
            if (cutOff != null) {
                warnings.add(cutOff);
            }
            allCalls.addAll(answerCalls(session, stored, parsed, nativeCalls, listener, turn.cancel));
            if (turn.cancel.isCancelled()) {
                throw new UserFacingException("The turn was stopped before the model saw the function results.");
            }
        }
        warn("The model was still calling functions after " + settings.stepLimit()
                + " steps, so the turn was stopped. Raise the step limit in Settings if this task needs more.", listener, warnings);
        return new TurnResult(lastReply, allCalls, discovered, warnings, true, tokensPerSecond, null);
    }

    private String cutOffSentence() {
        // named as Settings names it ("maxTokens" is only the settings file's key)
        Integer limit = settings.options().maxTokens();
        return "The reply was cut off at the length limit (" + (limit == null ? "the server's default" : limit + " tokens")
                + "); raise \"Reply length limit (tokens)\" in Settings or ask the model to continue.";
    }

    /**
     * Runs the reply's calls and stores the answers: native tool results as {@code tool} messages, block
     * calls as one message of {@code function_output} blocks. The reply keeps a record of every call.
     */
    private List<CallRecord> answerCalls(ConversationSession session, Message stored, ParsedReply parsed,
                                         List<FunctionCall> nativeCalls, TurnListener listener, Cancellation cancel)
            throws UserFacingException {
        // The cap counts calls that would run, in the order they run: the blocks' calls, then native ones.
        int blockRoom = Math.min(settings.maxCallsPerReply(), parsed.calls().size());
        int totalCalls = parsed.calls().size() + nativeCalls.size();
        List<CallRecord> records = dispatcher.dispatch(parsed.malformed(), parsed.calls(), blockRoom, totalCalls,
                listener, cancel);
        List<CallRecord> nativeRecords = dispatcher.dispatch(List.of(), nativeCalls,
                settings.maxCallsPerReply() - blockRoom, totalCalls, listener, cancel);
        List<CallRecord> stepRecords = new ArrayList<>(nativeRecords);
        stepRecords.addAll(records);
        session.replaceLast(stored.withCalls(stepRecords));
        if (!nativeRecords.isEmpty()) {
            Message results = Message.toolResults(NativeTools.resultsJson(nativeRecords));
            session.add(results);
            listener.outputsSent(results);
        }
        if (!records.isEmpty()) {
            Message outputs = Message.functionOutputs(
                    FunctionOutput.toMessage(records.stream().map(TurnLoop::toOutput).toList()));
            session.add(outputs);
            listener.outputsSent(outputs);
        }
        session.save();
        return stepRecords;
    }

    /**
     * The model's details. A model the server does not have is refused here, before the chat stores anything
     * (a single-model server would otherwise answer any name, and the wrong name would be saved with the chat).
     */
    private ModelDetails modelDetails(String model) throws LlmException {
        try {
            return backend.showModel(model);
        } catch (LlmException e) {
            if (e.kind() == LlmException.Kind.MODEL_NOT_FOUND) {
                throw e;
            }
            // Unknown details only change where instructions go; the chat request itself will report real trouble.
            return null;
        }
    }

    /** Native tool calling when chosen, or in {@code auto} when the model says it supports tools. */
    private boolean usesNativeTools(ModelDetails model) {
        return switch (settings.callingMode()) {
            case NATIVE -> true;
            case AUTO -> model != null && model.supports("tools");
            case PROMPT -> false;
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

    private ChatReply stream(Turn turn, Instructions.Placement placement, boolean nativeTools)
            throws UserFacingException {
        List<Message> history = turn.session.messages();
        if (turn.replacesBrokenReply) {
            history = history.subList(0, history.size() - 1); // asked for again: the broken-off text is not history
        }
        if (turn.offer == null) {
            // Decided once per turn: every request of the turn then starts with the same instructions and specs.
            turn.offer = turn.composer.offer(library.approvedSpecs(), history);
        }
        ComposedRequest composed = turn.composer.compose(turn.settings.instructions(), placement, nativeTools, turn.offer,
                history);
        TurnListener listener = turn.listener;
        listener.requestComposed(composed.report());
        String model = turn.session.conversation().model();
        ChatRequest request = new ChatRequest(model, composed.messages(), optionsFor(turn.window, turn.settings),
                composed.tools());
        ChatReply reply = send(turn, request);
        if (reply.complete()) {
            estimator.observe(model, composed.rawTokens(), reply.stats().promptEvalCount(), turn.window.size());
            if (reply.stats().promptEvalCount() > 0) {
                turn.session.countPrompt(reply.stats().promptEvalCount(), turn.window.size());
            }
            listener.promptCounted(reply.stats().promptEvalCount(), reply.stats().promptProcessed(), turn.window.size());
        }
        return reply;
    }

    /** The options with the window's size when the server takes it with each request: Toolsmith decides, not the server. */
    private static ChatOptions optionsFor(ContextWindow window, TurnSettings chosen) {
        ChatOptions o = chosen.options();
        return window.sent() ? new ChatOptions(window.size(), o.temperature(), o.topP(), o.seed(), o.keepAlive(),
                o.maxTokens()) : o;
    }

    private ChatReply send(Turn turn, ChatRequest request) throws UserFacingException {
        TurnListener listener = turn.listener;
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
            }, turn.cancel);
        } catch (LlmException e) {
            var partial = e.partial().filter(p -> !p.content().isEmpty());
            if (partial.isPresent()) {
                turn.store(Message.assistant(partial.get().content(), true, 0));
                turn.session.save();
            }
            throw e;
        }
    }

    /** What the user asked in this turn (also when a failed turn is continued): it decides which code is meant as a function. */
    private static String latestUserText(List<Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).kind() == Message.Kind.USER) {
                return messages.get(i).content();
            }
        }
        return "";
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
    public record TurnSettings(int stepLimit, InstructionMode instructionMode, CallingMode callingMode,
                               ChatOptions options, Instructions instructions, int maxCallsPerReply) {

        /** What a turn needs from one settings snapshot. */
        public static TurnSettings of(Settings s) {
            ChatOptions options = new ChatOptions(s.numCtx(), s.temperature(), s.topP(), s.seed(), s.keepAlive(),
                    s.maxTokens());
            return new TurnSettings(s.stepLimit(), s.instructionMode(), s.callingMode(), options,
                    new Instructions(s.functionCallingPrompt(), s.functionWritingPrompt()), s.maxCallsPerReply());
        }

        /** These settings with a chat's own options in place of the settings' ones, and its system prompt after the instructions. */
        public TurnSettings forChat(ChatPreset preset) {
            if (preset == null || preset.isNone()) {
                return this;
            }
            ChatOptions o = options;
            ChatOptions chosen = new ChatOptions(preset.contextSize() != null ? preset.contextSize() : o.numCtx(),
                    preset.temperature() != null ? preset.temperature() : o.temperature(), o.topP(), o.seed(),
                    o.keepAlive(), o.maxTokens());
            return new TurnSettings(stepLimit, instructionMode, callingMode, chosen,
                    instructions.withChatPrompt(preset.systemPrompt()), maxCallsPerReply);
        }
    }
}
