package io.toolsmith.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.util.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per chat file at a time, across processes and across threads of one process. */
class ConversationLockTest {
    private static final String BUSY = "This conversation is being written by another Toolsmith; try again when it finishes";

    @TempDir
    Path dir;

    /** Runs on another thread, since the lock is held by this one. */
    private static <T> T elsewhere(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        thread.start();
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** One other process (a JVM of its own, which costs a second to start) for both ways of meeting its lock. */
    @Test
    void anotherProcessHoldingTheChatIsReportedOrWaitedForAndNeverOverwritten() throws Exception {
        Path file = dir.resolve("chat.json");
        Process other = ConversationTurnProcess.startHolding(file, "the other turn");
        var e = assertThrows(UserFacingException.class, () -> ConversationLock.acquire(file, Duration.ofMillis(300)));
        assertTrue(e.getMessage().startsWith(BUSY), e.getMessage());

        CompletableFuture<List<String>> waiting = CompletableFuture.supplyAsync(() -> {
            try (ConversationLock lock = ConversationLock.acquire(file, Duration.ofSeconds(60))) {
                return ConversationStore.load(file).messages().stream().map(Message::content).toList();
            } catch (UserFacingException busy) {
                throw new IllegalStateException(busy);
            }
        });
        assertEquals(0, ConversationTurnProcess.finish(other));
        assertEquals(List.of("the other turn"), waiting.get(), "read only after the other turn was saved");

        try (ConversationLock lock = ConversationLock.acquire(file, Duration.ofMillis(300))) {
            Conversation chat = ConversationStore.load(file);
            chat.add(Message.user("this turn", List.of()));
            ConversationStore.saveTo(file, chat);
        }
        assertEquals(List.of("the other turn", "this turn"),
                ConversationStore.load(file).messages().stream().map(Message::content).toList());
    }

    @Test
    void threadsOfOneProcessTakeTurnsAndTheHolderMayTakeItAgain() throws Exception {
        ConversationStore store = new ConversationStore(dir, dir.resolveSibling("chat-index.json"));
        Conversation chat = Conversation.create("qwen3:8b");
        Path file = store.fileOf(chat);
        try (ConversationLock turn = ConversationLock.acquire(file, Duration.ZERO)) {
            try (ConversationLock save = ConversationLock.acquire(file, Duration.ZERO)) {
                ConversationStore.saveTo(file, chat);
            }
            var e = assertThrows(UserFacingException.class, () -> elsewhere(() -> {
                store.save(chat);
                return null;
            }));
            assertTrue(e.getMessage().startsWith(BUSY), e.getMessage());
        }
        chat.rename("renamed");
        elsewhere(() -> {
            store.save(chat);
            return null;
        });
        assertEquals("renamed", ConversationStore.load(file).title());
        assertTrue(Files.exists(ConversationLock.lockFileOf(file)));
        assertEquals(List.of(chat.id()), store.list().stream().map(c -> c.id()).toList(), "the lock file is not a chat");
    }
}
