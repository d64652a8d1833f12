package io.toolsmith.conversation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A chat: its messages, the model it talks to and its options. Mutable, but only ever changed by one
 * turn at a time (the agent runs one turn per conversation); readers on other threads take {@link #snapshot()}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class Conversation {
    public String id = UUID.randomUUID().toString();
    public String title = "New chat";
    public String model;
    public Instant created = Instant.now();
    public Instant updated = created;
    public final List<Message> messages = new ArrayList<>();

    public static Conversation create(String model) {
        Conversation conversation = new Conversation();
        conversation.model = model;
        return conversation;
    }

    public synchronized void add(Message message) {
        messages.add(message);
        updated = Instant.now();
        if (messages.size() == 1 && message.kind() == Message.Kind.USER && "New chat".equals(title)) {
            title = titleFrom(message.content());
        }
    }

    /** Replaces the last message (used to attach call outcomes to the reply that made the calls). */
    public synchronized void replaceLast(Message message) {
        messages.set(messages.size() - 1, message);
        updated = Instant.now();
    }

    public synchronized List<Message> snapshot() {
        return List.copyOf(messages);
    }

    static String titleFrom(String text) {
        String line = text.strip().lines().findFirst().orElse("New chat");
        return line.length() <= 60 ? line : line.substring(0, 57).strip() + "…";
    }
}
