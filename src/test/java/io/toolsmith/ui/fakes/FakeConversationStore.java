package io.toolsmith.ui.fakes;

import io.toolsmith.ui.window.ConversationStore;
import io.toolsmith.ui.window.ConversationSummary;
import io.toolsmith.ui.window.StoredMessage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Conversations in memory; deleted ones are kept aside so Undo can restore them. */
public final class FakeConversationStore implements ConversationStore {
    private final List<ConversationSummary> chats = new CopyOnWriteArrayList<>();
    private final Map<String, ConversationSummary> deleted = new ConcurrentHashMap<>();
    private final Map<String, List<StoredMessage>> messages = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    public FakeConversationStore add(String title, List<StoredMessage> history) {
        ConversationSummary c = new ConversationSummary("c" + ids.incrementAndGet(), title, Instant.now());
        chats.add(c);
        messages.put(c.id(), new ArrayList<>(history));
        return this;
    }

    @Override
    public List<ConversationSummary> list() {
        return List.copyOf(chats);
    }

    @Override
    public ConversationSummary create(String title) {
        ConversationSummary c = new ConversationSummary("c" + ids.incrementAndGet(), title, Instant.now());
        chats.add(0, c);
        messages.put(c.id(), new ArrayList<>());
        return c;
    }

    @Override
    public void rename(String id, String title) {
        chats.replaceAll(c -> c.id().equals(id) ? new ConversationSummary(id, title, c.updated()) : c);
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
        ConversationSummary c = deleted.remove(id);
        if (c != null) {
            chats.add(c);
        }
    }

    @Override
    public List<StoredMessage> messages(String id) {
        return List.copyOf(messages.getOrDefault(id, List.of()));
    }

    @Override
    public void export(String id, ExportFormat format, Path target) {
        throw new UnsupportedOperationException("export is not part of the UI tests");
    }
}
