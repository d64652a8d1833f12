package io.toolsmith.conversation;

import io.toolsmith.util.AtomicFiles;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversations as one JSON file each, written atomically so a crash mid-write keeps the previous version, plus a
 * small index of them ({@link ChatIndex}) so listing the chats does not read every chat. A turn that reads, changes
 * and saves a chat file holds its {@link ConversationLock} throughout.
 */
public final class ConversationStore {
    private static final Logger LOG = LoggerFactory.getLogger(ConversationStore.class);
    private final Path folder;
    private final ChatIndex index;

    /** The chats in {@code folder}, indexed in {@code indexFile}. */
    public ConversationStore(Path folder, Path indexFile) {
        this.folder = folder;
        this.index = new ChatIndex(indexFile);
    }

    public Path folder() {
        return folder;
    }

    public Path fileOf(String id) {
        return folder.resolve(id + ".json");
    }

    public Path fileOf(Conversation conversation) {
        return fileOf(conversation.id());
    }

    /**
     * Saves under the chat's lock, so a save cannot land in the middle of another process's turn on the same chat
     * (that process would then overwrite it); the sentence says so instead.
     */
    public void save(Conversation conversation) throws UserFacingException {
        Path file = fileOf(conversation);
        try (ConversationLock lock = ConversationLock.acquire(file, ConversationLock.WAIT)) {
            saveTo(file, conversation);
            index.saved(file, conversation.summary());
        }
    }

    /**
     * The session that owns the chat with this id: read from its file, or a new chat when it has none yet. Its saves
     * go to the chats folder and the index.
     */
    public ConversationSession session(String id) throws UserFacingException {
        Path file = fileOf(id);
        Conversation conversation = Files.exists(file) ? load(file) : Conversation.create(id, null);
        conversation.ensureId(id);
        return ConversationSession.of(conversation, file, this::save);
    }

    /** The session of a chat made here and not saved yet. */
    public ConversationSession session(Conversation conversation) {
        return ConversationSession.of(conversation, fileOf(conversation), this::save);
    }

    public static void saveTo(Path file, Conversation conversation) throws UserFacingException {
        try {
            byte[] bytes;
            synchronized (conversation) {
                bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(conversation);
            }
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new UserFacingException("The chat could not be saved to " + file + " (" + e.getMessage()
                    + "). The previous version of the file is intact; free some disk space and try again.", e);
        }
    }

    public static Conversation load(Path file) throws UserFacingException {
        try {
            Conversation conversation = Json.MAPPER.readValue(file.toFile(), Conversation.class);
            if (conversation == null) {
                throw new IOException("the file is empty");
            }
            return conversation;
        } catch (IOException e) {
            throw new UserFacingException("The chat file " + file + " could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Every readable chat, most recently updated first, from the index; only chat files changed since they were
     * indexed are read. Unreadable files are skipped with a log line.
     */
    public List<ChatSummary> list() {
        return index.list(folder, file -> {
            try {
                return load(file);
            } catch (UserFacingException e) {
                LOG.warn(e.getMessage());
                return null;
            }
        });
    }

    /** Every readable chat in full, most recently updated first: reads every file (use {@link #list()} to list). */
    public List<Conversation> loadAll() {
        return ChatIndex.chatFiles(folder).stream().map(file -> {
            try {
                return load(file);
            } catch (UserFacingException e) {
                LOG.warn(e.getMessage());
                return null;
            }
        }).filter(Objects::nonNull).sorted(Comparator.comparing(Conversation::summary, ChatIndex.NEWEST_FIRST)).toList();
    }

    public void delete(Conversation conversation) throws IOException {
        Files.deleteIfExists(fileOf(conversation));
    }
}
