package io.toolsmith.conversation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A chat: its messages, the model it talks to, its title. Anyone may read it from any thread (readers get immutable
 * copies); only a {@link ConversationSession} changes it, one turn at a time, so its state is private and its
 * changes are package-private. The monitor guards the state for both, so a reader never sees half a change.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public final class Conversation {
    static final String UNTITLED = "New chat";

    private String id = UUID.randomUUID().toString();
    private String title = UNTITLED;
    private String model;
    private Instant created = Instant.now();
    private Instant updated = created;
    /** The chat's own system prompt and options; absent in older chat files. */
    private ChatPreset preset;
    private final List<Message> messages = new ArrayList<>();
    private PromptCount lastPrompt;

    private Conversation() {
        // Jackson reads into a fresh instance; everyone else uses create
    }

    public static Conversation create(String model) {
        Conversation conversation = new Conversation();
        conversation.model = model;
        return conversation;
    }

    /** A new chat with a chosen id (a chat the window names before its file exists). */
    public static Conversation create(String id, String model) {
        Conversation conversation = create(model);
        conversation.id = id;
        return conversation;
    }

    public synchronized String id() {
        return id;
    }

    public synchronized String title() {
        return title;
    }

    public synchronized String model() {
        return model;
    }

    public synchronized Instant created() {
        return created;
    }

    public synchronized Instant updated() {
        return updated;
    }

    /** The chat's own system prompt and options; {@link ChatPreset#NONE} when it has none. */
    public synchronized ChatPreset preset() {
        return preset == null ? ChatPreset.NONE : preset;
    }

    /** The messages now, oldest first: a copy that later changes do not touch. */
    public synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    /** The server's count of the latest request's prompt, or null when no request was counted yet. */
    public synchronized PromptCount lastPrompt() {
        return lastPrompt;
    }

    /** What a list of chats shows about this one. */
    public synchronized ChatSummary summary() {
        return new ChatSummary(id, title, updated, messages.size());
    }

    synchronized void add(Message message) {
        messages.add(message);
        updated = Instant.now();
        if (messages.size() == 1 && message.kind() == Message.Kind.USER && UNTITLED.equals(title)) {
            title = titleFrom(message.content());
        }
    }

    /** Replaces the last message (used to attach call outcomes to the reply that made the calls). */
    synchronized void replaceLast(Message message) {
        messages.set(messages.size() - 1, message);
        updated = Instant.now();
    }

    synchronized void countPrompt(PromptCount count) {
        lastPrompt = count;
    }

    /** Drops messages {@code from} (inclusive) to {@code to} (exclusive). */
    synchronized void remove(int from, int to) {
        messages.subList(from, to).clear();
        updated = Instant.now();
    }

    /**
     * A new chat (a new id) with this one's model and its messages up to and including {@code through}, titled
     * after this one with " (fork)".
     */
    public synchronized Conversation fork(int through) {
        if (through < 0 || through >= messages.size()) {
            throw new IndexOutOfBoundsException("no message " + through + " in a chat of " + messages.size());
        }
        Conversation fork = create(model);
        fork.title = title + " (fork)";
        fork.messages.addAll(messages.subList(0, through + 1));
        return fork;
    }

    synchronized void rename(String newTitle) {
        title = newTitle;
    }

    synchronized void useModel(String newModel) {
        model = newModel;
    }

    synchronized void usePreset(ChatPreset newPreset) {
        preset = newPreset == null || newPreset.isNone() ? null : newPreset;
    }

    /** Takes the state of {@code newer}, the same chat as another process saved it; the id stays. */
    synchronized void takeStateOf(Conversation newer) {
        title = newer.title();
        model = newer.model();
        preset = newer.preset;
        created = newer.created();
        updated = newer.updated();
        messages.clear();
        messages.addAll(newer.messages());
        lastPrompt = newer.lastPrompt();
    }

    /** The id of a chat read from a file that has none (hand-made or damaged): the file's name decides. */
    synchronized void ensureId(String fallback) {
        if (id == null || id.isBlank()) {
            id = fallback;
        }
    }

    static String titleFrom(String text) {
        String line = text.strip().lines().findFirst().orElse(UNTITLED);
        return line.length() <= 60 ? line : line.substring(0, 57).strip() + "…";
    }
}
