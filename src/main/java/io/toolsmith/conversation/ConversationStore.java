package io.toolsmith.conversation;

import io.toolsmith.util.AtomicFiles;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversations as one JSON file each, written atomically so a crash mid-write keeps the previous version.
 * A turn that reads, changes and saves a chat file holds its {@link ConversationLock} throughout.
 */
public final class ConversationStore {
    private static final Logger LOG = LoggerFactory.getLogger(ConversationStore.class);
    private final Path folder;

    public ConversationStore(Path folder) {
        this.folder = folder;
    }

    public Path fileOf(Conversation conversation) {
        return folder.resolve(conversation.id + ".json");
    }

    /**
     * Saves under the chat's lock, so a save cannot land in the middle of another process's turn on the same chat
     * (that process would then overwrite it); the sentence says so instead.
     */
    public void save(Conversation conversation) throws UserFacingException {
        Path file = fileOf(conversation);
        try (ConversationLock lock = ConversationLock.acquire(file, ConversationLock.WAIT)) {
            saveTo(file, conversation);
        }
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
            return Json.MAPPER.readValue(file.toFile(), Conversation.class);
        } catch (IOException e) {
            throw new UserFacingException("The chat file " + file + " could not be read: " + e.getMessage(), e);
        }
    }

    /** Every readable chat, most recently updated first; unreadable files are skipped with a log line. */
    public List<Conversation> list() {
        List<Conversation> result = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return result;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                try {
                    result.add(load(file));
                } catch (UserFacingException e) {
                    LOG.warn(e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("The chats folder {} could not be listed: {}", folder, e.getMessage());
        }
        result.sort(Comparator.comparing((Conversation c) -> c.updated).reversed());
        return result;
    }

    public void delete(Conversation conversation) throws IOException {
        Files.deleteIfExists(fileOf(conversation));
    }
}
