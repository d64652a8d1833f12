package io.toolsmith.ui.fakes;

import io.toolsmith.ui.window.ConversationCatalog;
import io.toolsmith.conversation.ChatSummary;
import io.toolsmith.conversation.Message;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Conversations in memory; deleted ones are kept aside so Undo can restore them. */
public final class FakeConversationStore implements ConversationCatalog {
    private final List<ChatSummary> chats = new CopyOnWriteArrayList<>();
    private final Map<String, ChatSummary> deleted = new ConcurrentHashMap<>();
    private final Map<String, List<Message>> messages = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    public FakeConversationStore add(String title, List<Message> history) {
        ChatSummary c = new ChatSummary("c" + ids.incrementAndGet(), title, Instant.now(), history.size());
        chats.add(c);
        messages.put(c.id(), new ArrayList<>(history));
        return this;
    }

    @Override
    public List<ChatSummary> list() {
        return List.copyOf(chats);
    }

    @Override
    public ChatSummary create(String title) {
        ChatSummary c = new ChatSummary("c" + ids.incrementAndGet(), title, Instant.now(), 0);
        chats.add(0, c);
        messages.put(c.id(), new ArrayList<>());
        return c;
    }

    @Override
    public void rename(String id, String title) {
        chats.replaceAll(c -> c.id().equals(id) ? c.withTitle(title) : c);
    }

    @Override
    public void delete(String id) {
        chats.stream().filter(c -> c.id().equals(id)).findFirst().ifPresent(c -> {
            chats.remove(c);
            deleted.put(id, c);
        });
    }

    @Override
    public void restore(String id) {
        ChatSummary c = deleted.remove(id);
        if (c != null) {
            chats.add(c);
        }
    }

    @Override
    public List<Message> messages(String id) {
        return List.copyOf(messages.getOrDefault(id, List.of()));
    }

    @Override
    public List<Path> images(Message message) {
        return List.of();
    }

    @Override
    public void export(String id, ExportFormat format, Path target) {
        throw new UnsupportedOperationException("export is not part of the UI tests");
    }
}
