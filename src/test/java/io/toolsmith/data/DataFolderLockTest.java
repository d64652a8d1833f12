package io.toolsmith.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.testing.TestPython;
import io.toolsmith.util.UserFacingException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data folder's lock holds between processes: a real python3 process takes it the way another Toolsmith
 * process's call does (a POSIX record lock on the same file) and, while holding it, does what a function may do
 * (swaps a file for a named pipe, writes a file). Every reader in this process is refused at once with a sentence
 * (none opens the pipe and waits), and an undo waits until the other process let go, so it undoes what was written
 * meanwhile too.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DataFolderLockTest {
    /** Takes the lock, swaps notes.txt for a pipe, says "held"; on "go" writes late.txt and lets go by ending. */
    private static final String HOLDER = """
            import fcntl, os, sys
            lock, data = sys.argv[1], sys.argv[2]
            f = open(lock, 'a')
            fcntl.lockf(f, fcntl.LOCK_EX)
            os.remove(os.path.join(data, 'notes.txt'))
            os.mkfifo(os.path.join(data, 'notes.txt'))
            print('held', flush=True)
            sys.stdin.readline()
            with open(os.path.join(data, 'late.txt'), 'w') as out:
                out.write('written while the lock was held')
            print('done', flush=True)
            """;

    @TempDir
    Path home;
    private Path data;
    private Process holder;

    @BeforeEach
    void folder() throws Exception {
        data = Files.createDirectories(home.resolve("data"));
        Python.run("import sys\nopen(sys.argv[1], 'w').write('mine')", data.resolve("notes.txt").toString());
    }

    @AfterEach
    void stop() {
        if (holder != null) {
            holder.destroyForcibly();
        }
    }

    private BufferedReader hold() throws Exception {
        Path lock = new DataTree(data).lock().file();
        assertNotNull(lock, "the lock has a file other processes share");
        assertFalse(lock.startsWith(data), "the lock file is out of the functions' reach");
        holder = new ProcessBuilder(TestPython.executable(), "-S", "-c", HOLDER, lock.toString(), data.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("held", lines.readLine());
        return lines;
    }

    /** {@code work} done on another thread, failing the test (not hanging it) when it does not end in 20 s. */
    private static <T> T atOnce(java.util.concurrent.Callable<T> work) throws Exception {
        Future<T> future = CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        try {
            return future.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void whileAnotherProcessHoldsTheFolderEveryReaderIsRefusedAtOnceAndNoPipeIsOpened() throws Exception {
        Path outside = Files.createDirectories(home.resolve("outside"));
        BufferedReader lines = hold();
        assertTrue(Files.readAttributes(data.resolve("notes.txt"), java.nio.file.attribute.BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS).isOther(), "notes.txt is a named pipe now");

        DataTreeException read = assertThrows(DataTreeException.class,
                () -> atOnce(() -> new DataTree(data).read("notes.txt", 100)));
        assertTrue(read.getMessage().startsWith("A function is running"), read.getMessage());
        DataTreeException listed = assertThrows(DataTreeException.class, () -> atOnce(() -> new DataTree(data).walk()));
        assertTrue(listed.getMessage().endsWith("list it again when it has finished."), listed.getMessage());
        UserFacingException attached = assertThrows(UserFacingException.class, () -> atOnce(() ->
                UserFiles.read(data.resolve("notes.txt"), data, 100, size -> "too large")));
        assertTrue(attached.getMessage().startsWith("A function is running"), attached.getMessage());
        Path source = Files.writeString(outside.resolve("in.txt"), "to import");
        UserFacingException imported = assertThrows(UserFacingException.class,
                () -> atOnce(() -> new DataImport(data, DataQuota.defaults()).copyIn(source, "in.txt")));
        assertTrue(imported.getMessage().startsWith("A function is using the data folder"), imported.getMessage());
        Python.Result inspect = atOnce(() -> Python.cli("--home", home.toString(), "inspect",
                data.resolve("notes.txt").toString()));
        assertEquals(2, inspect.exitCode());
        assertTrue(inspect.err().contains("A function is running"), inspect.err());

        release(lines);
        // Once the other process let go, the pipe is seen for what it is, still without being opened.
        DataTreeException pipe = assertThrows(DataTreeException.class,
                () -> atOnce(() -> new DataTree(data).read("notes.txt", 100)));
        assertTrue(pipe.getMessage().endsWith("is a named pipe, which Toolsmith never opens."), pipe.getMessage());
        assertEquals("named pipe", atOnce(() -> new DataTree(data).walk()).sorted().stream()
                .filter(e -> e.path().equals("notes.txt")).findFirst().orElseThrow().kind().words());
        assertEquals("in.txt", atOnce(() -> new DataImport(data, DataQuota.defaults()).copyIn(source, "in.txt")).name());
    }

    @Test
    void anUndoWaitsForTheProcessThatHoldsTheFolderAndUndoesWhatItWrote() throws Exception {
        DataSnapshots snapshots = new DataSnapshots(data, home.resolve("snapshots"));
        Snapshot mine = snapshots.take("c1", "before the call");
        BufferedReader lines = hold();

        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<DataSnapshots.Restored> undo = CompletableFuture.supplyAsync(() -> {
            try {
                return snapshots.restore(mine.id(), waiting::countDown);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        assertTrue(waiting.await(20, TimeUnit.SECONDS), "the undo found the folder held and waits");
        assertFalse(undo.isDone(), "nothing is restored while the other process holds the folder");
        assertFalse(Files.exists(data.resolve("late.txt")));

        release(lines);
        DataSnapshots.Restored restored = undo.get(60, TimeUnit.SECONDS);
        assertFalse(Files.exists(data.resolve("late.txt")), "what was written before the lock was let go is undone");
        assertTrue(Files.isRegularFile(data.resolve("notes.txt"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("mine", Files.readString(data.resolve("notes.txt")));
        assertTrue(restored.notes().stream().anyMatch(n -> n.contains("notes.txt") && n.contains("named pipe")),
                restored.notes().toString());
        assertTrue(snapshots.changes(restored.safety().id(), mine.id()).contains("removed late.txt"),
                snapshots.changes(restored.safety().id(), mine.id()).toString());
    }

    private void release(BufferedReader lines) throws Exception {
        OutputStream in = holder.getOutputStream();
        in.write("go\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
        assertEquals("done", lines.readLine());
        assertTrue(holder.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, holder.exitValue());
    }
}
