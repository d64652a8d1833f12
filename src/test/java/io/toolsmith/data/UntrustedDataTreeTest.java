package io.toolsmith.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.util.UserFacingException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data folder as a function could leave it: names with backslashes and newlines, links out of the folder,
 * a parent folder swapped for a link, pipes, a link to /proc/self/mem. Every hostile tree is made by python3;
 * snapshots, undo, listing and reading must neither write nor read outside the folder, nor hang.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UntrustedDataTreeTest {
    @TempDir
    Path root;

    private Path home;
    private Path data;
    private Path outside;

    @BeforeEach
    void folders() throws Exception {
        home = Files.createDirectories(root.resolve("home"));
        data = Files.createDirectories(home.resolve("data"));
        outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "host secret");
    }

    private DataSnapshots snapshots() {
        return new DataSnapshots(data, home.resolve("snapshots"));
    }

    /** Runs python3 in the data folder (as a function would), with the outside folder as argv[1]. */
    private void python(String code) throws Exception {
        Python.run("import os, sys\nos.chdir(" + quote(data) + ")\n" + code, outside.toString());
    }

    private static String quote(Path p) {
        return "'" + p.toString().replace("'", "\\'") + "'";
    }

    /** Every file under the temporary root outside the data and snapshots folders, with its content. */
    private List<String> outsideState() throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> !p.startsWith(data) && !p.startsWith(home.resolve("snapshots")))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> {
                        try {
                            return root.relativize(p) + "=" + Files.readString(p);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }).sorted().toList();
        }
    }

    @Test
    void backslashNamesAreKeptExactlyAndUndoNeverLeavesTheFolder() throws Exception {
        python("open('..\\\\..\\\\x', 'w').write('inside')\nopen('..\\\\bashrc', 'w').write('inside too')");
        List<String> before = outsideState();
        Snapshot first = snapshots().take("c1", "one");
        python("open('..\\\\..\\\\x', 'w').write('changed by the call')\nos.remove('..\\\\bashrc')");

        snapshots().restore(first.id());

        assertEquals("inside", Files.readString(data.resolve("..\\..\\x")), "the name with backslashes is one name");
        assertEquals("inside too", Files.readString(data.resolve("..\\bashrc")));
        assertEquals(before, outsideState(), "nothing outside the data folder was written");
        assertFalse(Files.exists(root.resolve("x")));
        assertFalse(Files.exists(home.resolve("x")));
    }

    @Test
    void anOldManifestWithDotDotIsRefusedAndChangesNothing() throws Exception {
        Files.writeString(data.resolve("keep.txt"), "now");
        Snapshot first = snapshots().take("c1", "one");
        // What the previous format wrote for a file named "..\..\x": its backslashes turned into separators.
        Path manifest = home.resolve("snapshots").resolve(first.id()).resolve("manifest.json");
        String sha = Files.list(home.resolve("snapshots/blobs")).findFirst().orElseThrow().getFileName().toString();
        Files.writeString(manifest, "{\"id\":\"" + first.id() + "\",\"callId\":\"c1\",\"label\":\"old\",\"time\":\"2020-01-01T00:00:00Z\","
                + "\"files\":[{\"path\":\"../../x\",\"size\":3,\"modified\":0,\"sha256\":\"" + sha + "\"},"
                + "{\"path\":\"keep.txt\",\"size\":3,\"modified\":0,\"sha256\":\"" + sha + "\"}]}");
        List<String> before = outsideState();

        UserFacingException e = assertThrows(UserFacingException.class, () -> snapshots().restore(first.id()));

        assertTrue(e.getMessage().contains("\"../../x\"") && e.getMessage().contains("nothing was changed"), e.getMessage());
        assertEquals(before, outsideState());
        assertEquals("now", Files.readString(data.resolve("keep.txt")));
        assertEquals(1, snapshots().list().size(), "not even a safety snapshot was taken");
    }

    @Test
    void anOldManifestWithPlainPathsStillRestores() throws Exception {
        Files.createDirectories(data.resolve("sub"));
        Files.writeString(data.resolve("sub/notes.txt"), "old notes");
        Snapshot first = snapshots().take("c1", "one");
        String sha = Files.list(home.resolve("snapshots/blobs")).findFirst().orElseThrow().getFileName().toString();
        Files.writeString(home.resolve("snapshots").resolve(first.id()).resolve("manifest.json"),
                "{\"id\":\"" + first.id() + "\",\"callId\":\"c1\",\"label\":\"old\",\"time\":\"2020-01-01T00:00:00Z\","
                        + "\"files\":[{\"path\":\"sub/notes.txt\",\"size\":9,\"modified\":0,\"sha256\":\"" + sha + "\"}]}");
        python("import shutil\nshutil.rmtree('sub')\nopen('new.txt', 'w').write('x')");

        snapshots().restore(first.id());

        assertEquals("old notes", Files.readString(data.resolve("sub/notes.txt")));
        assertFalse(Files.exists(data.resolve("new.txt")));
    }

    @Test
    void undoDoesNotWriteThroughAFolderReplacedByALink() throws Exception {
        Path functions = Files.createDirectories(home.resolve("functions/notes"));
        Files.writeString(functions.resolve("code.py"), "def approved(): pass\n");
        Files.writeString(outside.resolve("code.py"), "host file");
        python("os.mkdir('sub')\nopen('sub/code.py', 'w').write('def evil(): pass')\nos.mkdir('mod')\n"
                + "open('mod/code.py', 'w').write('def evil(): pass')");
        Snapshot first = snapshots().take("c1", "one");
        // The call swaps both folders for links: to a host folder, and to another module's code.
        python("import shutil\nshutil.rmtree('sub')\nos.symlink(sys.argv[1], 'sub')\n"
                + "shutil.rmtree('mod')\nos.symlink('../functions/notes', 'mod')");
        List<String> before = outsideState();

        snapshots().restore(first.id());

        assertEquals(before, outsideState(), "the host folder and the module's code are untouched");
        assertEquals("def approved(): pass\n", Files.readString(functions.resolve("code.py")));
        assertFalse(Files.isSymbolicLink(data.resolve("sub")));
        assertTrue(Files.isDirectory(data.resolve("sub"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("def evil(): pass", Files.readString(data.resolve("sub/code.py")));
        assertTrue(Files.isDirectory(data.resolve("mod"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void restoreRefusesAPathWhoseParentBecameALinkAfterThePlan() throws Exception {
        python("os.mkdir('sub')\nos.symlink(sys.argv[1], 'away')");
        DataTree tree = new DataTree(data);
        DataTreeException e = assertThrows(DataTreeException.class, () -> tree.parentFolder("away/secret.txt"));
        assertTrue(e.getMessage().contains("away is a link") && e.getMessage().contains("not a folder"), e.getMessage());
        assertEquals("away", e.path());
        assertThrows(DataTreeException.class, () -> tree.parentFolder("sub/../../x"));
        assertThrows(DataTreeException.class, () -> tree.parentFolder("/etc/passwd"));
    }

    @Test
    void linksAreSnapshottedAsLinksAndNeverReadThrough() throws Exception {
        python("os.symlink(os.path.join(sys.argv[1], 'secret.txt'), 'leak.txt')\n"
                + "os.symlink('/proc/self/environ', 'environ')\nos.symlink('/proc/self/mem', 'mem')\n"
                + "os.symlink(sys.argv[1], 'hostdir')\nopen('real.txt', 'w').write('mine')");
        Snapshot first = snapshots().take("c1", "one");
        assertEquals(1, first.files(), "only real.txt is a file");
        try (Stream<Path> blobs = Files.list(home.resolve("snapshots/blobs"))) {
            for (Path blob : blobs.toList()) {
                assertEquals("mine", Files.readString(blob), "no blob holds what a link points to");
            }
        }
        // The call deletes the links and writes a file where one was; undo brings the links back as links.
        python("os.remove('leak.txt')\nos.remove('environ')\nos.remove('hostdir')\nopen('hostdir', 'w').write('x')");
        snapshots().restore(first.id());
        assertTrue(Files.isSymbolicLink(data.resolve("leak.txt")));
        assertEquals(outside.resolve("secret.txt").toString(), Files.readSymbolicLink(data.resolve("leak.txt")).toString());
        assertEquals("/proc/self/environ", Files.readSymbolicLink(data.resolve("environ")).toString());
        assertTrue(Files.isSymbolicLink(data.resolve("hostdir")));
        assertEquals("host secret", Files.readString(outside.resolve("secret.txt")));

        DataTree tree = new DataTree(data);
        DataTreeException refused = assertThrows(DataTreeException.class, () -> tree.read("leak.txt", 1000));
        assertTrue(refused.getMessage().contains("leak.txt is a link") && refused.getMessage().contains("never follows"),
                refused.getMessage());
        assertThrows(DataTreeException.class, () -> tree.read("hostdir/secret.txt", 1000));
        assertEquals(List.of("real.txt"), new DataFolder(data).list().stream().map(DataFile::name).toList());
    }

    @Test
    void pipesAreSkippedNeverOpenedAndRemovedByUndo() throws Exception {
        python("open('real.txt', 'w').write('mine')");
        Snapshot first = snapshots().take("c1", "one");
        python("os.mkfifo('pipe.pkl')\nos.mkfifo('.hidden-pipe')\nos.symlink('/dev/zero', 'zero.pkl')");
        // Neither the snapshot, nor the listing, nor reading blocks on the pipes.
        Snapshot second = snapshots().take("c2", "two");
        assertEquals(1, second.files());
        assertEquals(List.of("real.txt"), new DataFolder(data).list().stream().map(DataFile::name).toList());
        DataTreeException e = assertThrows(DataTreeException.class, () -> new DataTree(data).read("pipe.pkl", 1000));
        assertTrue(e.getMessage().contains("pipe.pkl is a named pipe, which Toolsmith never opens"), e.getMessage());

        DataSnapshots.Restored restored = snapshots().restore(first.id());

        assertFalse(Files.exists(data.resolve("pipe.pkl"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(data.resolve("zero.pkl"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(restored.notes().stream().anyMatch(n -> n.contains("pipe.pkl (a named pipe, never opened")),
                restored.notes().toString());
        assertTrue(restored.notes().stream().anyMatch(n -> n.contains(".hidden-pipe")), restored.notes().toString());
    }

    @Test
    void aNameJavaCannotKeepMakesTheSnapshotFailWithItsName() throws Exception {
        python("open(b'bad\\xff.pkl', 'wb').write(b'x')");
        DataTreeException e = assertThrows(DataTreeException.class, () -> snapshots().takeBeforeCall("c1", "f"));
        assertTrue(e.getMessage().contains("/bad\\xff.pkl has a name") && e.getMessage().contains("Rename or remove it"),
                "the sentence names it with the bad byte escaped: " + e.getMessage());
        python("os.mkdir('caf\u00e9')\nos.rename(b'bad\\xff.pkl', b'caf\\xc3\\xa9/x\\\\y\\xfe')");
        e = assertThrows(DataTreeException.class, () -> snapshots().takeBeforeCall("c1", "f"));
        assertTrue(e.getMessage().contains("/caf\u00e9/x\\\\y\\xfe has a name"), e.getMessage());
        python("os.remove(b'caf\\xc3\\xa9/x\\\\y\\xfe')");
        assertEquals(0, snapshots().takeBeforeCall("c2", "f").files(), "once it is gone, snapshots work again");
    }

    @Test
    void hiddenFilesAreSnapshottedListedAndRestored() throws Exception {
        python("open('.state', 'w').write('hidden data')\nos.mkdir('.cache')\nopen('.cache/x', 'w').write('y')");
        Snapshot first = snapshots().take("c1", "one");
        assertEquals(2, first.files());
        assertEquals(List.of(".cache/x", ".state"), new DataFolder(data).list().stream().map(DataFile::name).toList());
        python("import shutil\nos.remove('.state')\nshutil.rmtree('.cache')");
        snapshots().restore(first.id());
        assertEquals("hidden data", Files.readString(data.resolve(".state")));
        assertEquals("y", Files.readString(data.resolve(".cache/x")));
    }

    @Test
    void aReadWhileAFunctionRunsIsRefusedAfterAShortWaitInsteadOfRacingIt() throws Exception {
        python("open('notes.txt', 'w').write('mine')");
        DataTree tree = new DataTree(data);
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread call = new Thread(() -> {
            tree.lock().lock(); // what the call runner holds while a function runs
            held.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                tree.lock().unlock();
            }
        });
        call.start();
        held.await();
        try {
            // the app waits a few seconds for the lock (DataTree.BUSY_WAIT); what it says after the wait is the same
            DataTree waitingBriefly = new DataTree(data, DataTree.DEFAULT_MAX_ENTRIES, Duration.ofMillis(100));
            DataTreeException e = assertThrows(DataTreeException.class, () -> waitingBriefly.read("notes.txt", 100));
            assertTrue(e.getMessage().startsWith("A function is running"), e.getMessage());
            // A listing does not wait for the call either: a folder it checked could be swapped for a pipe, whose open waits.
            DataTreeException listing = assertThrows(DataTreeException.class, () -> waitingBriefly.walk());
            assertTrue(listing.getMessage().startsWith("A function is running"), listing.getMessage());
            assertTrue(listing.getMessage().endsWith("list it again when it has finished."), listing.getMessage());
        } finally {
            done.countDown();
            call.join();
        }
        assertEquals("mine", new String(tree.read("notes.txt", 100)));
        assertEquals(1, new DataTree(data).walk().count());
    }

    @Test
    void anUndoOfAFolderFilledPastTheWalkLimitChangesNothingAndDoesNotSendTheUserBackToUndo() throws Exception {
        int limit = 1_000;
        DataSnapshots snapshots = new DataSnapshots(data, home.resolve("snapshots"), DataSnapshots.KEEP, DataQuota.defaults(), true, limit);
        python("open('notes.txt', 'w').write('mine')");
        Snapshot before = snapshots.take("c1", "before the flood");
        python("os.mkdir('many')\nfor i in range(" + (limit + 1) + "):"
                + " os.close(os.open('many/f%d' % i, os.O_CREAT | os.O_WRONLY))\nos.remove('notes.txt')");
        DataTreeException e = assertThrows(DataTreeException.class, () -> snapshots.restore(before.id()));
        assertTrue(e.getMessage().contains("too many to keep a copy of before restoring, so nothing was restored"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("then undo again."), e.getMessage());
        assertFalse(Files.exists(data.resolve("notes.txt")), "nothing was restored");
        assertTrue(Files.exists(data.resolve("many/f" + limit)), "nothing was removed");
        python("import shutil\nshutil.rmtree('many')");
        snapshots.restore(before.id());
        assertEquals("mine", Files.readString(data.resolve("notes.txt")));
    }

    @Test
    void theWalkStopsPastItsLimitWithASentence() throws Exception {
        python("for i in range(30): open('f%d' % i, 'w').write('x')");
        DataTreeException e = assertThrows(DataTreeException.class, () -> new DataTree(data, 20).walk());
        assertTrue(e.getMessage().contains("more than 20 files and folders"), e.getMessage());
    }

    @Test
    void theQuotaRefusesBeforeAnythingIsCopied() throws Exception {
        python("for i in range(12): open('f%d' % i, 'w').write('x' * 100)");
        DataSnapshots small = new DataSnapshots(data, home.resolve("snapshots"), new DataQuota(1 << 20, 10));
        DataQuotaException e = assertThrows(DataQuotaException.class, () -> small.takeBeforeCall("c1", "f"));
        assertTrue(e.getMessage().contains("12 files and folders") && e.getMessage().contains("10 entries"), e.getMessage());
        assertFalse(Files.exists(home.resolve("snapshots/blobs")) && Files.list(home.resolve("snapshots/blobs")).findAny().isPresent(),
                "nothing was copied");
        assertTrue(small.overQuota().isPresent());
        assertEquals(12, small.take("undo", "restore may always save").files());
    }

    @Test
    void controlCharactersAreShownEscapedButKeptExactly() throws Exception {
        python("open('two\\nlines.pkl', 'wb').write(b'x')\nopen('tab\\there', 'w').write('y')\n"
                + "open('bell\\x07', 'w').write('z')\nopen('back\\\\slash', 'w').write('w')");
        List<DataFile> files = new DataFolder(data).list();
        assertEquals(List.of("back\\slash", "bell\u0007", "tab\there", "two\nlines.pkl"), files.stream().map(DataFile::name).toList());
        assertEquals(List.of("back\\\\slash", "bell\\x07", "tab\\there", "two\\nlines.pkl"),
                files.stream().map(DataFile::displayName).toList());
        assertEquals("a\\u202eb", DataNames.display("a\u202eb"), "a right-to-left override cannot disguise a name");
        Snapshot first = snapshots().take("c1", "one");
        python("os.remove('two\\nlines.pkl')");
        snapshots().restore(first.id());
        assertArrayEquals("x".getBytes(), Files.readAllBytes(data.resolve("two\nlines.pkl")));
    }
}
