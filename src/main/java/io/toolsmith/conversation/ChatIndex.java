package io.toolsmith.conversation;

import com.fasterxml.jackson.core.type.TypeReference;
import io.toolsmith.util.AtomicFiles;
import io.toolsmith.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small index of the chats folder (id, title, time, message count of each chat), so listing the chats reads one
 * small file and looks at each chat file's size and time instead of reading every chat, images and all. The chat
 * files stay the source of truth: an entry counts only while its file has the size and time it had when the entry
 * was made, and a file without a matching entry is read and indexed again, so a missing, stale or damaged index
 * (or a chat written by another process) costs reading those files once, never a wrong list. It lives outside the
 * chats folder, where no version of Toolsmith takes it for a chat. Thread-safe.
 */
final class ChatIndex {
    private static final Logger LOG = LoggerFactory.getLogger(ChatIndex.class);
    private static final TypeReference<List<Entry>> ENTRIES = new TypeReference<>() { };
    /** A hand-made chat file may lack a time: it sorts last. */
    static final Comparator<ChatSummary> NEWEST_FIRST = Comparator.comparing(ChatSummary::updated,
            Comparator.nullsFirst(Comparator.<java.time.Instant>naturalOrder())).reversed();
    private final Path file;
    private Map<String, Entry> entries;
    /** Entries changed by saves since the index was last written; written with the next list, not on every save. */
    private boolean dirty;

    /**
     * One chat file as indexed: what the list shows, and the file's name, size, time and identity (every save
     * replaces the file, so a new identity) when the entry was made.
     */
    record Entry(String file, ChatSummary chat, long size, String modified, String identity) {
        static Entry of(Path chat, ChatSummary summary, BasicFileAttributes attributes) {
            return new Entry(chat.getFileName().toString(), summary, attributes.size(),
                    attributes.lastModifiedTime().toString(), String.valueOf(attributes.fileKey()));
        }

        boolean matches(BasicFileAttributes attributes) {
            return size == attributes.size() && attributes.lastModifiedTime().toString().equals(modified)
                    && String.valueOf(attributes.fileKey()).equals(identity);
        }
    }

    ChatIndex(Path file) {
        this.file = file;
    }

    /**
     * The chats of {@code folder}, newest first. Files whose entry is missing or stale are read with {@code read}
     * (null for an unreadable one, which is left out); the index is written back when anything changed.
     */
    synchronized List<ChatSummary> list(Path folder, Function<Path, Conversation> read) {
        Map<String, Entry> known = entries();
        Map<String, Entry> now = new HashMap<>();
        boolean changed = false;
        for (Path chat : chatFiles(folder)) {
            String name = chat.getFileName().toString();
            BasicFileAttributes attributes = attributes(chat);
            if (attributes == null) {
                continue;
            }
            Entry entry = known.get(name);
            if (entry == null || !entry.matches(attributes)) {
                Conversation conversation = read.apply(chat);
                if (conversation == null) {
                    continue;
                }
                entry = Entry.of(chat, conversation.summary(), attributes);
                changed = true;
            }
            now.put(name, entry);
        }
        if (changed || dirty || now.size() != known.size()) {
            entries = now;
            write();
        }
        return now.values().stream().map(Entry::chat)
                .sorted(NEWEST_FIRST).toList();
    }

    /**
     * Notes a chat just saved to {@code chat}, so the next list need not read it. Kept in memory until then: a save
     * happens after every message of a turn, and an entry not written is only a file read once more after a restart.
     */
    synchronized void saved(Path chat, ChatSummary summary) {
        BasicFileAttributes attributes = attributes(chat);
        if (attributes == null) {
            return;
        }
        entries().put(chat.getFileName().toString(), Entry.of(chat, summary, attributes));
        dirty = true;
    }

    static List<Path> chatFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.endsWith(".json") && !name.startsWith(".");
            }).toList();
        } catch (IOException e) {
            LOG.warn("The chats folder {} could not be listed: {}", folder, e.getMessage());
            return List.of();
        }
    }

    private Map<String, Entry> entries() {
        if (entries == null) {
            entries = new HashMap<>();
            if (Files.exists(file)) {
                try {
                    for (Entry entry : Json.MAPPER.readValue(file.toFile(), ENTRIES)) {
                        if (entry != null && entry.file() != null && entry.chat() != null && entry.chat().id() != null) {
                            entries.put(entry.file(), entry);
                        }
                    }
                } catch (IOException e) {
                    // Only a cache: rebuilt from the chat files, which are all read once.
                    LOG.info("The chats index {} could not be read ({}); it is rebuilt.", file, e.getMessage());
                }
            }
        }
        return entries;
    }

    private void write() {
        try {
            Files.createDirectories(file.getParent());
            List<Entry> sorted = new ArrayList<>(entries.values());
            sorted.sort(Comparator.comparing(Entry::file));
            AtomicFiles.write(file, Json.MAPPER.writeValueAsBytes(sorted));
            dirty = false;
        } catch (IOException e) {
            LOG.warn("The chats index {} could not be written ({}); chats are read from their files.", file,
                    e.getMessage());
        }
    }

    private static BasicFileAttributes attributes(Path chat) {
        try {
            return Files.readAttributes(chat, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }
}
