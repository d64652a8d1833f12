package io.toolsmith.conversation;

import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of a conversation's changes: the turn loop, the window and the command line all change a chat
 * through its session, one turn at a time, and everyone else reads {@link #conversation()} (whose changes are not
 * public). A session over a chat file also keeps its copy in step with the file: before it writes, it takes the
 * file's {@link ConversationLock} and, when another process saved the chat since, reads it again, so a turn started
 * in the window and one run by {@code toolsmith chat} on the same file cannot overwrite each other. Thread-safe.
 */
public final class ConversationSession {
    private static final Logger LOG = LoggerFactory.getLogger(ConversationSession.class);
    private final Conversation conversation;
    private final Path file;
    private final ConversationSaver saver;
    private final ReentrantLock turn = new ReentrantLock();
    /** The file as last read or written here; another value on disk means another process saved the chat. */
    private Object seen;
    /** Guarded by this: a turn runs, and a rename made meanwhile waits for the turn's end to be saved. */
    private boolean turnRunning;
    /** The title or the preset changed during the turn: saved when it ends. */
    private boolean renamedDuringTurn;

    private ConversationSession(Conversation conversation, Path file, ConversationSaver saver) {
        this.conversation = conversation;
        this.file = file;
        this.saver = saver;
        this.seen = file == null ? null : stamp(file);
    }

    /**
     * A session over a chat kept in {@code file}: {@code saver} writes it there (and may note it elsewhere, such as in
     * the chats index), always under the file's lock.
     */
    public static ConversationSession of(Conversation conversation, Path file, ConversationSaver saver) {
        return new ConversationSession(conversation, file, saver);
    }

    /** A session over a chat file that is saved just there (a file named on the command line). */
    public static ConversationSession of(Conversation conversation, Path file) {
        return of(conversation, file, c -> ConversationStore.saveTo(file, c));
    }

    /** A session that saves with {@code saver} and keeps no file in step (a chat held only by its caller). */
    public static ConversationSession savedBy(Conversation conversation, ConversationSaver saver) {
        return new ConversationSession(conversation, null, saver);
    }

    /** The chat, to read. */
    public Conversation conversation() {
        return conversation;
    }

    public String id() {
        return conversation.id();
    }

    public List<Message> messages() {
        return conversation.messages();
    }

    /** The chat file, or null when the session saves elsewhere. */
    public Path file() {
        return file;
    }

    /**
     * Starts a turn: at most one runs per chat. For a chat file it also takes the file's lock for the whole turn
     * (waiting as long as {@link ConversationLock#WAIT} for another writer) and reads the chat again if another
     * process saved it since. Close the returned handle when the turn ends.
     *
     * @throws UserFacingException when a turn already runs on this chat, or another process holds the file
     */
    public Turn beginTurn() throws UserFacingException {
        if (!turn.tryLock()) {
            throw new UserFacingException("A reply is still being written in this chat. Wait for it or press Stop, "
                    + "then send again.");
        }
        try {
            Turn started = new Turn(writeLock());
            synchronized (this) {
                turnRunning = true;
            }
            return started;
        } catch (UserFacingException | RuntimeException e) {
            turn.unlock();
            throw e;
        }
    }

    /** True while a turn runs on this chat (it must stay loaded until it ends). */
    public boolean inTurn() {
        return turn.isLocked();
    }

    /** A turn in progress; closing it lets the next one start and other processes write the file. */
    public final class Turn implements AutoCloseable {
        private final ConversationLock lock;

        private Turn(ConversationLock lock) {
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                saveRenameMadeDuringTurn();
            } finally {
                try {
                    if (lock != null) {
                        lock.close();
                    }
                } finally {
                    turn.unlock();
                }
            }
        }

        private void saveRenameMadeDuringTurn() {
            if (turn.getHoldCount() > 1) {
                return; // an inner turn of the same thread: the outer one ends the turn
            }
            boolean save;
            synchronized (ConversationSession.this) {
                save = renamedDuringTurn;
                renamedDuringTurn = false;
                turnRunning = false;
            }
            if (save) {
                try {
                    save();
                } catch (UserFacingException e) {
                    LOG.warn("The new title of {} could not be saved: {}", conversation.id(), e.getMessage());
                }
            }
        }
    }

    /** Adds a message; saved by the next {@link #save()}. */
    public void add(Message message) {
        conversation.add(message);
    }

    /** Replaces the last message (a reply gets its calls' outcomes; a continued reply replaces the broken one). */
    public void replaceLast(Message message) {
        conversation.replaceLast(message);
    }

    /** Keeps the server's count of the latest request with the chat; saved with the turn. */
    public void countPrompt(long tokens, int window) {
        conversation.countPrompt(new PromptCount(tokens, window));
    }

    /**
     * Drops what {@code cut} names, after checking that the chat still holds exactly those messages there (another
     * process or window may have changed it since the cut was planned); saved by the next {@link #save()}. Call it
     * within a turn ({@link #beginTurn()}), so nothing else changes the chat meanwhile.
     *
     * @throws UserFacingException when the chat changed since the cut was planned
     */
    public void drop(ChatCut cut) throws UserFacingException {
        List<Message> now = conversation.messages();
        if (cut.to() > now.size() || !now.subList(cut.from(), cut.to()).equals(cut.dropped())) {
            throw new UserFacingException("The chat changed while this was being done (another Toolsmith saved it). "
                    + "Nothing was removed; look at the chat again and repeat the action.");
        }
        conversation.remove(cut.from(), cut.to());
    }

    public void useModel(String model) {
        conversation.useModel(model);
    }

    /**
     * Renames the chat and saves it, after taking in what another process saved, so its turn is not dropped. During
     * a turn of this chat the new title is saved with the turn (at the latest when it ends).
     */
    public void rename(String title) throws UserFacingException {
        synchronized (this) {
            if (turnRunning) {
                conversation.rename(title);
                renamedDuringTurn = true;
                return;
            }
        }
        try (ConversationLock lock = writeLock()) {
            conversation.rename(title);
            save();
        }
    }

    /**
     * Gives the chat its own system prompt and options and saves it, as {@link #rename} does: during a turn of this
     * chat it is saved with the turn, and applies from the next one (a turn keeps the options it started with).
     */
    public void usePreset(ChatPreset preset) throws UserFacingException {
        synchronized (this) {
            if (turnRunning) {
                conversation.usePreset(preset);
                renamedDuringTurn = true;
                return;
            }
        }
        try (ConversationLock lock = writeLock()) {
            conversation.usePreset(preset);
            save();
        }
    }

    /** Saves the chat (under the file's lock for a chat file; the lock is the turn's when one runs). */
    public void save() throws UserFacingException {
        if (file == null) {
            saver.save(conversation);
            return;
        }
        try (ConversationLock lock = ConversationLock.acquire(file, ConversationLock.WAIT)) {
            saver.save(conversation);
            synchronized (this) {
                seen = stamp(file);
            }
        }
    }

    /** The file's lock, with the chat read again first when another process saved it since; null without a file. */
    private ConversationLock writeLock() throws UserFacingException {
        if (file == null) {
            return null;
        }
        ConversationLock lock = ConversationLock.acquire(file, ConversationLock.WAIT);
        try {
            catchUp();
            return lock;
        } catch (UserFacingException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private synchronized void catchUp() throws UserFacingException {
        Object now = stamp(file);
        if (now != null && !Objects.equals(now, seen)) {
            conversation.takeStateOf(ConversationStore.load(file));
            seen = now;
        }
    }

    /**
     * What tells one version of the file from the next: every save replaces the file by an atomic move, so the
     * file's identity (inode) changes with each save, and the time and size are compared as well.
     */
    private static Object stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(String.valueOf(a.fileKey()), a.lastModifiedTime().toString(), a.size());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return List.of("unreadable", e.getMessage());
        }
    }

}
