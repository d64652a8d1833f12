package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.agent.TurnListener;
import io.toolsmith.agent.TurnResult;
import io.toolsmith.app.Engine;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.data.DataSnapshots;
import io.toolsmith.data.DataTree;
import io.toolsmith.data.DataTreeException;
import io.toolsmith.data.Snapshot;
import io.toolsmith.settings.Home;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.testing.TestPython;
import io.toolsmith.util.Cancellation;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user clicks Undo while a call runs in the same window: the undo waits for the call (its processes included)
 * and then undoes it whole, the file the call wrote at its very end too. The call is a real function in the real
 * sandbox that waits on a named pipe the test opens, so the test knows it is running without any timing.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class UndoWaitsForTheCallTest {
    private static final String CODE = """
            ```python
            import os

            def hold():
                d = os.path.expanduser('~/data')
                with open(os.path.join(d, 'gate')) as gate:
                    gate.read()
                with open(os.path.join(d, 'late.txt'), 'w') as f:
                    f.write('written at the end of the call')
                return True
            ```
            ```function_spec
            {"name": "hold", "description": "Waits for the gate.", "parameters": {"type": "object", "properties": {}}, "responses": []}
            ```
            """;

    @TempDir
    Path home;

    @Test
    void anUndoDuringACallWaitsForItAndUndoesAllItDid() throws Exception {
        Path data = Files.createDirectories(home.resolve("data"));
        Files.writeString(data.resolve("notes.txt"), "mine");
        Process mkfifo = new ProcessBuilder(TestPython.executable(), "-S", "-c", "import os, sys\nos.mkfifo(sys.argv[1])",
                data.resolve("gate").toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        try (FakeOllama ollama = FakeOllama.start(); Engine engine = Engine.open(new Home(home), ollama.url())) {
            Conversation chat = Conversation.create("qwen3:8b");
            ollama.enqueueReply(CODE);
            engine.turnLoop().run(chat, "write it", List.of(), new TurnListener() { }, new Cancellation());
            engine.library().approve("hold", false);
            ollama.enqueueReply("```function_call\n{\"id\": \"h1\", \"function\": \"hold\", \"parameters\": {}}\n```");
            ollama.enqueueReply("Done.");
            CompletableFuture<TurnResult> turn = CompletableFuture.supplyAsync(() -> {
                try {
                    return engine.turnLoop().run(chat, "hold", List.of(), new TurnListener() { }, new Cancellation());
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            // Opening the pipe for writing returns once the function opened it: the call is running now.
            FileChannel gate = CompletableFuture.supplyAsync(() -> {
                try {
                    return FileChannel.open(data.resolve("gate"), StandardOpenOption.WRITE);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }).get(100, TimeUnit.SECONDS);

            DataSnapshots snapshots = engine.snapshots();
            Snapshot beforeCall = snapshots.latest().orElseThrow();
            assertTrue(beforeCall.label().contains("hold"), beforeCall.label());
            CountDownLatch waiting = new CountDownLatch(1);
            CompletableFuture<DataSnapshots.Restored> undo = CompletableFuture.supplyAsync(() -> {
                try {
                    return snapshots.restore(beforeCall.id(), waiting::countDown);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            assertTrue(waiting.await(30, TimeUnit.SECONDS), "the undo saw the call running and waits for it");
            assertFalse(undo.isDone(), "nothing is restored while the call runs");
            DataTreeException read = org.junit.jupiter.api.Assertions.assertThrows(DataTreeException.class,
                    () -> new DataTree(data, DataTree.DEFAULT_MAX_ENTRIES, Duration.ofMillis(100)).read("notes.txt", 100));
            assertTrue(read.getMessage().startsWith("A function is running"), read.getMessage());

            gate.write(ByteBuffer.wrap("go".getBytes(StandardCharsets.UTF_8)));
            gate.close();
            TurnResult result = turn.get(100, TimeUnit.SECONDS);
            assertTrue(result.calls().get(0).ok(), result.calls().toString());
            DataSnapshots.Restored restored = undo.get(100, TimeUnit.SECONDS);
            assertFalse(Files.exists(data.resolve("late.txt"), LinkOption.NOFOLLOW_LINKS),
                    "the undo ran after the call ended, so what it wrote last is undone too");
            assertTrue(snapshots.changes(restored.safety().id(), beforeCall.id()).contains("removed late.txt"));
            assertEquals("mine", Files.readString(data.resolve("notes.txt")));
        }
    }
}
