package io.toolsmith.ui.chat;

import io.toolsmith.conversation.PromptCount;
import io.toolsmith.agent.CallDecision;
import io.toolsmith.conversation.ChatSummary;
import io.toolsmith.conversation.ChatPreset;
import io.toolsmith.data.DataImport;
import io.toolsmith.ui.common.BackgroundExecutor;
import io.toolsmith.ui.common.Sentences;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import io.toolsmith.ui.common.FxCoalescer;
import io.toolsmith.ui.common.UiExecutor;
import io.toolsmith.util.Cancellation;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of one conversation's chat: its messages, the draft, attachments and the
 * running turn. Engine events arrive through one {@link FxCoalescer}, so however fast the model
 * streams, the UI applies them in batches, at most one pending FX task at a time.
 * Each conversation has its own view model, so a turn's events never land in another chat.
 * FX thread only, except for what the coalescer receives.
 */
public final class ChatViewModel {
    static final String RETRY_HINT = "Press Retry to send the same request again (Toolsmith reconnects by itself"
            + " when the server is back); no function runs twice.";
    static final String CONTINUE_HINT = "When the server is back, press Continue: what was saved is sent again"
            + " and no function runs twice.";
    /** What Continue sends after a reply the length limit cut off: the model sees its own reply and goes on. */
    static final String CONTINUE_REQUEST = "Your reply was cut off at the length limit. Continue it exactly where it"
            + " stopped, without repeating what you already wrote.";
    private final String conversationId;
    private final ChatEngine engine;
    private final UiExecutor ui;
    private final ObservableList<MessageViewModel> messages = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper decisionsAsked = new ReadOnlyIntegerWrapper();
    private final ObjectProperty<ChatState> state = new SimpleObjectProperty<>(this, "state", ChatState.IDLE);
    private final StringProperty draft = new SimpleStringProperty(this, "draft", "");
    private final ObservableList<Path> attachments = FXCollections.observableArrayList();
    private final BooleanProperty visionAvailable = new SimpleBooleanProperty(this, "visionAvailable");
    private final DoubleProperty lastTokensPerSecond = new SimpleDoubleProperty(this, "lastTokensPerSecond");
    private final ObjectProperty<TurnEvent.ContextUsed> contextUsed = new SimpleObjectProperty<>(this, "contextUsed");
    private final StringProperty model = new SimpleStringProperty(this, "model");
    private final StringProperty problem = new SimpleStringProperty(this, "problem");
    private final ReadOnlyBooleanWrapper canContinue = new ReadOnlyBooleanWrapper(this, "canContinue");
    private final ReadOnlyBooleanWrapper canRetry = new ReadOnlyBooleanWrapper(this, "canRetry");
    private final ObservableList<FileAttachment> files = FXCollections.observableArrayList();
    private final StringProperty attachProblem = new SimpleStringProperty(this, "attachProblem");
    private final ReadOnlyObjectWrapper<ChatPreset> preset = new ReadOnlyObjectWrapper<>(this, "preset", ChatPreset.NONE);
    private BackgroundExecutor background;
    private Consumer<TurnEvent.ServerReached> onServerReached = reached -> { };
    private static final NameInUseQuestion KEEP_BOTH = (name, answer) ->
            answer.accept(Optional.of(DataImport.WhenTaken.KEEP_BOTH));
    private NameInUseQuestion nameInUseQuestion = KEEP_BOTH;
    private final Map<String, CallViewModel> calls = new HashMap<>();
    private final ObjectProperty<MessageViewModel> editing = new SimpleObjectProperty<>(this, "editing");
    private RewindQuestion rewindQuestion = (action, preview, answer) -> answer.accept(Optional.of(false));
    private Consumer<ChatSummary> onForked = forked -> { };
    private Cancellation running;
    private long turn;
    /** The last reply of the running turn was cut off at the length limit: Continue then asks for the rest. */
    private boolean replyCutOff;
    /** Continue asks the model for the rest of a cut-off reply (instead of resending a failed request). */
    private boolean continueAsksForMore;
    /** The problem a Retry or Continue answers: it goes once that turn ends (a new failure brings its own). */
    private MessageViewModel answeredProblem;

    public ChatViewModel(String conversationId, ChatEngine engine, UiExecutor ui) {
        this.conversationId = conversationId;
        this.engine = engine;
        this.ui = ui;
    }

    public String conversationId() {
        return conversationId;
    }

    /** Counts the calls that asked the user for a decision, so the view can bring the question into sight. */
    public ReadOnlyIntegerProperty decisionsAskedProperty() {
        return decisionsAsked.getReadOnlyProperty();
    }

    public ObservableList<MessageViewModel> messages() {
        return messages;
    }

    public ReadOnlyObjectProperty<ChatState> stateProperty() {
        return state;
    }

    public ChatState state() {
        return state.get();
    }

    public StringProperty draftProperty() {
        return draft;
    }

    public ObservableList<Path> attachments() {
        return attachments;
    }

    public BooleanProperty visionAvailableProperty() {
        return visionAvailable;
    }

    public DoubleProperty lastTokensPerSecondProperty() {
        return lastTokensPerSecond;
    }

    /** The server's count of this chat's latest request against its context window; null before the first count. */
    public ObjectProperty<TurnEvent.ContextUsed> contextUsedProperty() {
        return contextUsed;
    }

    /** The model the next turn goes to (bound to the window's model picker). */
    public StringProperty modelProperty() {
        return model;
    }

    /** The last turn's failure as a sentence, or null. */
    public StringProperty problemProperty() {
        return problem;
    }

    /**
     * True after a turn failed once it had stored what it was sending (the message or the function results):
     * {@link #continueTurn()} sends it again without running any call twice.
     */
    public ReadOnlyBooleanProperty canContinueProperty() {
        return canContinue.getReadOnlyProperty();
    }

    /**
     * True after a turn failed before any of its reply arrived, with the message or the function results stored:
     * Retry sends the same request again ({@link #continueTurn()}); no call runs twice.
     */
    public ReadOnlyBooleanProperty canRetryProperty() {
        return canRetry.getReadOnlyProperty();
    }

    /** Files to go with the next message: their text, or the name they have in the data folder. */
    public ObservableList<FileAttachment> files() {
        return files;
    }

    /** Why the last file could not be attached, or null. */
    public StringProperty attachProblemProperty() {
        return attachProblem;
    }

    /** The chat's own system prompt and options. */
    public ReadOnlyObjectProperty<ChatPreset> presetProperty() {
        return preset.getReadOnlyProperty();
    }

    /** Where files are read and turn outcomes are reported; set by the window when the chat is opened. */
    public void useBackground(BackgroundExecutor executor) {
        this.background = executor;
    }

    /** Told whether each turn's requests reached the server (the window's connection state follows it). */
    public void setOnServerReached(Consumer<TurnEvent.ServerReached> listener) {
        this.onServerReached = listener == null ? reached -> { } : listener;
    }

    /** The chat's options as stored in its file (opening the chat). */
    public void showPreset(ChatPreset stored) {
        preset.set(stored == null ? ChatPreset.NONE : stored);
    }

    /** Gives the chat its own system prompt and options and saves them; they apply from the next turn. */
    public void setPreset(ChatPreset chosen) {
        ChatPreset next = chosen == null ? ChatPreset.NONE : chosen;
        ChatPreset before = preset.get();
        preset.set(next);
        engine.savePreset(conversationId, next, sentence -> ui.execute(() -> {
            preset.set(before);
            problem.set(sentence);
        }));
    }

    /** The state of the most recent call with this id (ids repeat across replies), created on first use. */
    public CallViewModel call(String callId) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            MessageViewModel message = messages.get(i);
            if (message.role() == MessageRole.ASSISTANT && message.hasCall(callId)) {
                return message.call(callId);
            }
        }
        return latestReplyCall(callId);
    }

    /** Call events always concern the reply being answered, the latest model reply. */
    private CallViewModel latestReplyCall(String callId) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == MessageRole.ASSISTANT) {
                return messages.get(i).call(callId);
            }
        }
        return calls.computeIfAbsent(callId, CallViewModel::new);
    }

    /** Sends the draft (with attachments when the model has vision); false when there is nothing to send or a turn runs. */
    public boolean send() {
        if (editing.get() != null) {
            return sendEdited();
        }
        String typed = draft.get() == null ? "" : draft.get().strip();
        List<Path> images = visionAvailable.get() ? List.copyOf(attachments) : List.of();
        if (state.get() != ChatState.IDLE || (typed.isEmpty() && images.isEmpty() && files.isEmpty())) {
            return false;
        }
        String text = FileAttachment.message(typed, files);
        messages.add(new MessageViewModel(conversationId, MessageRole.USER, text, images));
        draft.set("");
        attachments.clear();
        files.clear();
        attachProblem.set(null);
        start(new TurnRequest(conversationId, model.get(), text, images));
        return true;
    }

    /** A reopened chat's meter shows the server's count of its latest request, as it did when the count came. */
    public void showStoredCounts(PromptCount lastPrompt) {
        if (lastPrompt != null && contextUsed.get() == null) {
            contextUsed.set(new TurnEvent.ContextUsed(lastPrompt.tokens(), lastPrompt.window()));
        }
    }

    /** A reopened chat whose last request failed offers Continue, as it did when the failure happened. */
    public void offerContinue() {
        if (state.get() == ChatState.IDLE) {
            canContinue.set(true);
        }
    }

    /** Continue button: goes on with the failed turn; false when there is nothing to continue or a turn runs. */
    public boolean continueTurn() {
        if (state.get() != ChatState.IDLE || !(canContinue.get() || canRetry.get())) {
            return false;
        }
        if (continueAsksForMore) {
            messages.add(new MessageViewModel(conversationId, MessageRole.USER, CONTINUE_REQUEST, List.of()));
            start(new TurnRequest(conversationId, model.get(), CONTINUE_REQUEST, List.of()));
            return true;
        }
        dropBrokenReply();
        int last = messages.size() - 1;
        answeredProblem = last >= 0 && messages.get(last).role() == MessageRole.ERROR ? messages.get(last) : null;
        start(TurnRequest.resume(conversationId, model.get()));
        return true;
    }

    /**
     * The reply begun before the failure (perhaps empty, perhaps part of the text) is asked for again, and the
     * chat keeps only the new one: so does the view, while the problem sentence stays as what happened.
     */
    private void dropBrokenReply() {
        int n = messages.size();
        if (n >= 2 && messages.get(n - 1).role() == MessageRole.ERROR && messages.get(n - 2).role() == MessageRole.ASSISTANT) {
            messages.remove(n - 2);
        }
    }

    private void start(TurnRequest request) {
        start(listener -> engine.send(request, listener));
    }

    private void start(java.util.function.Function<TurnListener, Cancellation> turnStarter) {
        problem.set(null);
        canContinue.set(false);
        canRetry.set(false);
        continueAsksForMore = false;
        replyCutOff = false;
        state.set(ChatState.STREAMING);
        long mine = ++turn;
        FxCoalescer<TurnEvent> channel = new FxCoalescer<>(ui, batch -> applyAll(mine, batch));
        running = turnStarter.apply(channel::post);
    }

    // ---- Message actions: regenerate, edit and send again, delete, fork (see MessageAction) ----

    /**
     * Asks the user whether to put the data back when the dropped calls changed it; answers with the choice (true:
     * put it back), or empty when the user cancelled the action.
     */
    public interface RewindQuestion {
        void ask(MessageAction action, RewindPreview preview, Consumer<Optional<Boolean>> answer);
    }

    /** How the view asks about the data (a dialog); without one, the data is left as it is. */
    public void setRewindQuestion(RewindQuestion question) {
        this.rewindQuestion = question;
    }

    /** Told of each new chat forked from this one (the window lists and opens it). */
    public void setOnForked(Consumer<ChatSummary> onForked) {
        this.onForked = onForked;
    }

    /** The user message being edited in the composer, or null. */
    public ReadOnlyObjectProperty<MessageViewModel> editingProperty() {
        return editing;
    }

    /** Whether {@code message} is the model's reply in the chat's last turn (the one Regenerate replaces). */
    public boolean isInLastTurn(MessageViewModel message) {
        int at = messages.indexOf(message);
        return at >= 0 && message.role() == MessageRole.ASSISTANT
                && messages.subList(at, messages.size()).stream().noneMatch(m -> m.role() == MessageRole.USER);
    }

    /** Regenerate: the last reply (with its calls and their results) goes, and the turn runs again. */
    public boolean regenerate() {
        if (state.get() != ChatState.IDLE || messages.stream().noneMatch(m -> m.role() == MessageRole.USER)) {
            return false;
        }
        act(new MessageAction(conversationId, model.get(), MessageAction.Kind.REGENERATE, -1, null, null, false));
        return true;
    }

    /** Edit: the message's text goes into the composer; Send replaces it (and drops what followed), Esc cancels. */
    public boolean beginEdit(MessageViewModel message) {
        if (state.get() != ChatState.IDLE || message.role() != MessageRole.USER || storedIndex(message) < 0) {
            return false;
        }
        editing.set(message);
        draft.set(message.text());
        return true;
    }

    public void cancelEdit() {
        if (editing.get() != null) {
            editing.set(null);
            draft.set("");
        }
    }

    private boolean sendEdited() {
        MessageViewModel message = editing.get();
        String text = draft.get() == null ? "" : draft.get().strip();
        if (state.get() != ChatState.IDLE || text.isEmpty()) {
            return false;
        }
        act(new MessageAction(conversationId, model.get(), MessageAction.Kind.EDIT, storedIndex(message),
                message.text(), text, false));
        return true;
    }

    /** Delete: the message goes (a reply with the results of its calls). */
    public boolean delete(MessageViewModel message) {
        int index = storedIndex(message);
        if (state.get() != ChatState.IDLE || index < 0 || message.role() == MessageRole.FUNCTION_RESULTS) {
            return false;
        }
        act(new MessageAction(conversationId, model.get(), MessageAction.Kind.DELETE, index, message.text(), null,
                false));
        return true;
    }

    /** Fork: a new chat with the messages up to and including this one; the window opens it. */
    public boolean fork(MessageViewModel message) {
        int index = storedIndex(message);
        if (state.get() != ChatState.IDLE || index < 0) {
            return false;
        }
        engine.fork(conversationId, index, message.text(), forked -> ui.execute(() -> onForked.accept(forked)),
                sentence -> ui.execute(() -> problem.set(sentence)));
        return true;
    }

    /**
     * Asks the engine what the dropped calls changed in the data, asks the user when they changed something, and
     * then does the action. Nothing changes until the user has answered.
     */
    private void act(MessageAction action) {
        problem.set(null);
        engine.previewRewind(action, preview -> ui.execute(() -> {
            if (!preview.changesData()) {
                perform(action);
            } else {
                rewindQuestion.ask(action, preview, answer -> answer.ifPresent(restore ->
                        perform(action.withRestoreData(restore))));
            }
        }), sentence -> ui.execute(() -> problem.set(sentence)));
    }

    /** Shows the chat as the action leaves it, then lets the engine do it (a turn for a regeneration or an edit). */
    private void perform(MessageAction action) {
        if (state.get() != ChatState.IDLE) {
            return; // a turn started while the user was answering: acting now would cut into it
        }
        switch (action.kind()) {
            case REGENERATE -> {
                int lastUser = lastIndexOf(MessageRole.USER);
                messages.remove(lastUser + 1, messages.size());
            }
            case EDIT -> {
                MessageViewModel edited = editing.get();
                int at = messages.indexOf(edited);
                if (at >= 0) {
                    messages.remove(at, messages.size());
                }
                messages.add(new MessageViewModel(conversationId, MessageRole.USER, action.text(),
                        edited == null ? List.of() : edited.images()));
                editing.set(null);
                draft.set("");
            }
            case DELETE -> {
                int at = viewIndexOf(action.index());
                int to = at + 1;
                if (at >= 0 && messages.get(at).role() == MessageRole.ASSISTANT) {
                    while (to < messages.size() && messages.get(to).role() == MessageRole.FUNCTION_RESULTS) {
                        to++;
                    }
                }
                if (at >= 0) {
                    messages.remove(at, to);
                }
            }
        }
        start(listener -> engine.act(action, listener));
    }

    /** The message's place among those the chat stores (notes and problems are the window's own), or -1. */
    int storedIndex(MessageViewModel message) {
        int index = 0;
        for (MessageViewModel m : messages) {
            if (m == message) {
                return stored(m) ? index : -1;
            }
            index += stored(m) ? 1 : 0;
        }
        return -1;
    }

    private int viewIndexOf(int storedIndex) {
        int index = 0;
        for (int i = 0; i < messages.size(); i++) {
            if (stored(messages.get(i)) && index++ == storedIndex) {
                return i;
            }
        }
        return -1;
    }

    private static boolean stored(MessageViewModel m) {
        return m.role() == MessageRole.USER || m.role() == MessageRole.ASSISTANT
                || m.role() == MessageRole.FUNCTION_RESULTS;
    }

    private int lastIndexOf(MessageRole role) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == role) {
                return i;
            }
        }
        return -1;
    }

    /** Stop button and Esc. */
    public void stop() {
        if (state.get() != ChatState.STREAMING) {
            return;
        }
        state.set(ChatState.STOPPING);
        if (running != null) {
            running.cancel();
        }
        engine.cancel(conversationId);
    }

    public void decide(String callId, CallDecision decision) {
        engine.decide(conversationId, callId, decision);
    }

    public void attach(List<Path> files) {
        if (!visionAvailable.get()) {
            return;
        }
        for (Path f : files) {
            if (!attachments.contains(f)) {
                attachments.add(f);
            }
        }
    }

    /**
     * Attaches files to the next message: images as pictures (when the model has vision), any other file as text in
     * the message. A file too large or not text is refused with a sentence; the others are still attached.
     */
    public void attachFiles(List<Path> chosen) {
        attachProblem.set(null);
        List<Path> images = chosen.stream().filter(FileAttachment::isImage).toList();
        if (!images.isEmpty() && !visionAvailable.get()) {
            attachProblem.set(images.get(0).getFileName() + " is a picture, and the chosen model cannot see pictures."
                    + " Choose a model with vision, or put the picture in the data folder.");
        }
        attach(images);
        for (Path file : chosen) {
            if (!FileAttachment.isImage(file)) {
                runInBackground(() -> FileAttachment.readText(file, engine.dataFolder()), this::addFile);
            }
        }
    }

    /**
     * Puts files in the data folder and names them in the next message. When a file of the same name is there, the
     * user is asked ({@link #setNameInUseQuestion}): replace it, keep both (the new one gets a number), or cancel.
     */
    public void attachToDataFolder(List<Path> chosen) {
        attachProblem.set(null);
        for (Path file : chosen) {
            copyToDataFolder(file, DataImport.WhenTaken.ASK);
        }
    }

    private void copyToDataFolder(Path file, DataImport.WhenTaken whenTaken) {
        engine.copyToDataFolder(file, whenTaken, imported -> ui.execute(() -> {
            switch (imported.outcome()) {
                case NAME_IN_USE -> nameInUseQuestion.ask(imported.name(),
                        answer -> answer.ifPresent(choice -> copyToDataFolder(file, choice)));
                case NUMBERED -> {
                    addFile(new FileAttachment(FileAttachment.Kind.DATA_FOLDER, imported.name(), null));
                    attachProblem.set("The data folder already had " + imported.wanted() + ", so this file was saved"
                            + " as " + imported.name() + "; nothing was overwritten.");
                }
                case REPLACED -> {
                    addFile(new FileAttachment(FileAttachment.Kind.DATA_FOLDER, imported.name(), null));
                    attachProblem.set(imported.name() + " in the data folder was replaced; Undo in the Data tab"
                            + " brings the old one back.");
                }
                case COPIED -> addFile(new FileAttachment(FileAttachment.Kind.DATA_FOLDER, imported.name(), null));
            }
        }), sentence -> ui.execute(() -> attachProblem.set(sentence)));
    }

    /** Asks the user what to do when a file of that name is in the data folder; answers nothing on Cancel. */
    public interface NameInUseQuestion {
        void ask(String name, Consumer<Optional<DataImport.WhenTaken>> answer);
    }

    /** How the view asks (a dialog); without one, a name in use gets a number, as nothing is overwritten unasked. */
    public void setNameInUseQuestion(NameInUseQuestion question) {
        this.nameInUseQuestion = question == null ? KEEP_BOTH : question;
    }

    private void addFile(FileAttachment file) {
        if (!files.contains(file)) {
            files.add(file);
        }
    }

    private void runInBackground(BackgroundExecutor.Work<FileAttachment> read, Consumer<FileAttachment> done) {
        Consumer<Throwable> failed = error -> attachProblem.set(Sentences.of(error));
        if (background == null) {
            try {
                done.accept(read.get());
            } catch (Exception e) {
                failed.accept(e);
            }
            return;
        }
        background.run(read, done, failed);
    }

    /** Replaces the shown history (loading a saved conversation). */
    public void setHistory(List<MessageViewModel> history) {
        messages.setAll(history);
    }

    private void applyAll(long forTurn, List<TurnEvent> batch) {
        if (forTurn != turn) {
            return; // a superseded turn: never paint it
        }
        StringBuilder text = new StringBuilder();
        for (TurnEvent event : batch) {
            if (event instanceof TurnEvent.TextDelta delta) {
                text.append(delta.text());
                continue;
            }
            flushText(text);
            apply(event);
        }
        flushText(text);
    }

    private void flushText(StringBuilder text) {
        if (text.isEmpty()) {
            return;
        }
        MessageViewModel last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (last == null || !last.streamingProperty().get()) {
            last = startMessage(MessageRole.ASSISTANT);
        }
        last.append(text.toString());
        text.setLength(0);
    }

    private void apply(TurnEvent event) {
        if (event instanceof TurnEvent.MessageStarted started) {
            replyCutOff = false; // a later reply of the turn (after calls) is what Continue would go on from
            startMessage(started.role());
        } else if (event instanceof TurnEvent.CallUpdate update) {
            latestReplyCall(update.callId()).apply(update);
            if (update.status() == CallStatus.WAITING_FOR_APPROVAL) {
                decisionsAsked.set(decisionsAsked.get() + 1);
            }
        } else if (event instanceof TurnEvent.Note note) {
            endStreaming();
            messages.add(new MessageViewModel(conversationId, MessageRole.NOTE, note.sentence(), List.of()));
            replyCutOff = note.offersContinue();
        } else if (event instanceof TurnEvent.ServerReached reached) {
            onServerReached.accept(reached);
        } else if (event instanceof TurnEvent.ContextUsed used) {
            contextUsed.set(used);
        } else if (event instanceof TurnEvent.Finished finished) {
            finish(finished);
        }
    }

    private MessageViewModel startMessage(MessageRole role) {
        endStreaming();
        MessageViewModel message = new MessageViewModel(conversationId, role, "", List.of());
        message.streamingProperty().set(true);
        messages.add(message);
        return message;
    }

    /** Removes the reply begun last when nothing of it arrived; true when the chat has no partial reply to go on from. */
    private boolean dropEmptyReply() {
        int last = messages.size() - 1;
        if (last >= 0 && messages.get(last).role() == MessageRole.ASSISTANT && messages.get(last).text().isEmpty()) {
            messages.remove(last);
            last--;
        }
        return last < 0 || messages.get(last).role() != MessageRole.ASSISTANT;
    }

    private void endStreaming() {
        if (!messages.isEmpty()) {
            messages.get(messages.size() - 1).streamingProperty().set(false);
        }
    }

    private void finish(TurnEvent.Finished finished) {
        endStreaming();
        running = null;
        if (answeredProblem != null && finished.outcome() != TurnOutcome.CANCELLED) {
            // the retried request got its answer (or a new problem of its own): "Press Retry" no longer applies
            messages.remove(answeredProblem);
        }
        answeredProblem = null;
        if (finished.tokensPerSecond() > 0) {
            lastTokensPerSecond.set(finished.tokensPerSecond());
        }
        if (finished.outcome() == TurnOutcome.FAILED) {
            // A reply that never got a word is not shown as an empty bubble: the failure takes its place.
            boolean nothingArrived = dropEmptyReply();
            boolean retry = finished.resumable() && nothingArrived;
            // The server's sentence ends "try again"; resending the message would run its calls twice, Retry and
            // Continue do not.
            String sentence = !finished.resumable() ? finished.sentence()
                    : finished.sentence() + " " + (retry ? RETRY_HINT : CONTINUE_HINT);
            problem.set(sentence);
            messages.add(new MessageViewModel(conversationId, MessageRole.ERROR, sentence, List.of()));
            canRetry.set(retry);
            canContinue.set(finished.resumable() && !retry);
        } else if (finished.outcome() == TurnOutcome.COMPLETED && replyCutOff) {
            continueAsksForMore = true;
            canContinue.set(true);
        }
        state.set(ChatState.IDLE);
    }
}
