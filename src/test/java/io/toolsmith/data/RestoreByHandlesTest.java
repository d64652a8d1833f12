package io.toolsmith.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.util.UserFacingException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore works through folder handles: another process swapping a folder for a link while it runs can make it
 * stop, never make it write or remove anything outside the data folder. It also brings back files' and folders'
 * modes.
 */
class RestoreByHandlesTest {
    private static final int ROUNDS = 200;

    @TempDir
    Path home;

    @Test
    void aFolderSwappedForALinkDuringRestoresNeverLetsThemReachOutside() throws Exception {
        Path data = Files.createDirectories(home.resolve("data"));
        Path outside = Files.createDirectories(home.resolve("outside"));
        Files.writeString(outside.resolve("a.txt"), "outside a");
        Files.writeString(outside.resolve("extra.txt"), "outside extra");
        Map<String, String> outsideBefore = contents(outside);

        Path sub = Files.createDirectories(data.resolve("sub"));
        Files.writeString(sub.resolve("a.txt"), "one");
        // Every restore takes a safety snapshot: keep enough that the two restored here are never pruned.
        DataSnapshots snapshots = new DataSnapshots(data, home.resolve("snapshots"), 2 * ROUNDS + 10,
                DataQuota.defaults());
        Snapshot one = snapshots.take("call-1", "one");
        Files.writeString(sub.resolve("a.txt"), "two");
        Files.writeString(sub.resolve("extra.txt"), "two's extra");
        Snapshot two = snapshots.take("call-2", "two");

        // Another process (here a thread that does not take the folder lock) keeps putting a link to the outside
        // folder where sub is, and sub back again. Restoring "one" writes sub/a.txt and removes sub/extra.txt;
        // through the link that would be outside/a.txt and outside/extra.txt.
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger swaps = new AtomicInteger();
        Thread swapper = new Thread(() -> {
            Path moved = data.resolve("sub.moved");
            while (!stop.get()) {
                try {
                    Files.move(sub, moved);
                    Files.createSymbolicLink(sub, outside);
                    swaps.incrementAndGet();
                    Files.delete(sub);
                    Files.move(moved, sub);
                } catch (Exception e) {
                    // the restore moved something meanwhile: try again from whatever is there now
                }
            }
        }, "swapper");
        swapper.start();
        int restored = 0;
        int refused = 0;
        try {
            for (int i = 0; i < ROUNDS; i++) {
                try {
                    snapshots.restore((i % 2 == 0 ? one : two).id());
                    restored++;
                } catch (UserFacingException e) {
                    refused++; // stopped with a sentence: allowed, as long as nothing outside changed
                    assertFalse(e.getMessage().isBlank());
                }
                assertEquals(outsideBefore, contents(outside), "round " + i + " reached the outside folder");
            }
        } finally {
            stop.set(true);
            swapper.join();
        }
        assertEquals(ROUNDS, restored + refused);
        assertTrue(swaps.get() > 0, "the swapper ran");

        // Without the swapper a restore puts everything back (the link or the moved folder it left included).
        snapshots.restore(one.id());
        assertEquals("one", Files.readString(data.resolve("sub/a.txt")));
        assertFalse(Files.exists(data.resolve("sub/extra.txt"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.isSymbolicLink(data.resolve("sub")));
        assertEquals(outsideBefore, contents(outside));
    }

    @Test
    void theTryCopyReadsThroughHandlesAndNeverThroughAFolderSwappedForALinkAfterTheWalk() throws Exception {
        Path data = Files.createDirectories(home.resolve("data"));
        Path outside = Files.createDirectories(home.resolve("outside"));
        Files.writeString(outside.resolve("a.txt"), "secret outside");
        Path sub = Files.createDirectories(data.resolve("sub"));
        Files.writeString(sub.resolve("a.txt"), "inside");
        DataTree tree = new DataTree(data);
        TreeEntry file = tree.walk().entries().stream().filter(e -> e.path().equals("sub/a.txt")).findFirst()
                .orElseThrow();

        // Between the walk and the copy, another process puts a link to the outside folder where sub was.
        Files.move(sub, data.resolve("sub.moved"));
        Files.createSymbolicLink(sub, outside);
        try (HandleReader reader = HandleReader.open(tree)) {
            DataTreeException e = org.junit.jupiter.api.Assertions.assertThrows(DataTreeException.class,
                    () -> reader.open(file).close());
            assertTrue(e.getMessage().contains("sub") && e.getMessage().contains("not a folder"), e.getMessage());
        }

        // Put back, the same entry reads the file inside.
        Files.delete(sub);
        Files.move(data.resolve("sub.moved"), sub);
        try (HandleReader reader = HandleReader.open(tree);
             java.nio.channels.FileChannel in = reader.open(file)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(64);
            in.read(buffer);
            assertEquals("inside", new String(buffer.array(), 0, buffer.position(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void restoredFilesAndFoldersGetTheirModesBackWithoutSpecialBits() throws Exception {
        Path data = Files.createDirectories(home.resolve("data"));
        Path shared = data.resolve("shared.pkl");
        Python.pickle(shared, "{'a': 1}", 4);
        Path script = data.resolve("run.sh");
        Files.writeString(script, "#!/bin/sh\n");
        Path folder = Files.createDirectories(data.resolve("private"));
        Files.writeString(folder.resolve("inside.txt"), "kept");
        // Set by Python, as a function would: group-writable, executable, setuid and sticky bits.
        Python.run("import os, sys\nos.chmod(sys.argv[1], 0o664)\nos.chmod(sys.argv[2], 0o4755)\n"
                + "os.chmod(sys.argv[3], 0o1750)", shared.toString(), script.toString(), folder.toString());
        DataSnapshots snapshots = new DataSnapshots(data, home.resolve("snapshots"));
        Snapshot before = snapshots.take("call-1", "before");

        // The call changes one file's content, another's mode, and removes the folder.
        Python.pickle(shared, "{'a': 2}", 4);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-------"));
        Files.delete(folder.resolve("inside.txt"));
        Files.delete(folder);

        snapshots.restore(before.id());

        assertEquals("rw-rw-r--", mode(shared));
        assertEquals("rwxr-xr-x", mode(script), "setuid is never restored");
        assertEquals("rwxr-x---", mode(folder), "the sticky bit is never restored");
        assertEquals("kept", Files.readString(folder.resolve("inside.txt")));
        int raw = (Integer) Files.getAttribute(script, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        assertEquals(0, raw & 07000);
        int rawFolder = (Integer) Files.getAttribute(folder, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        assertEquals(0, rawFolder & 07000);
    }

    @Test
    void snapshotsWithoutModesStillRestore() throws Exception {
        // A manifest written before modes were recorded has no "mode": the files come back with the default one.
        Path data = Files.createDirectories(home.resolve("data"));
        Path file = data.resolve("old.txt");
        Files.writeString(file, "old");
        DataSnapshots snapshots = new DataSnapshots(data, home.resolve("snapshots"));
        Snapshot before = snapshots.take("call-1", "before");
        Path snapshotsDir = home.resolve("snapshots");
        try (Stream<Path> files = Files.walk(snapshotsDir)) {
            for (Path json : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                String text = Files.readString(json);
                String stripped = text.replaceAll(",\"mode\":[0-9]+", "");
                Files.writeString(json, stripped);
            }
        }
        String manifest = Files.readString(snapshotsDir.resolve(before.id()).resolve("manifest.json"));
        assertFalse(manifest.contains("\"mode\""), manifest);
        Files.writeString(file, "new");

        new DataSnapshots(data, snapshotsDir).restore(before.id());

        assertEquals("old", Files.readString(file));
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    /** Every entry below {@code dir} with its content (or "dir"/"link"), without following links. */
    private static Map<String, String> contents(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                String key = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.put(key, "link");
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(key, "dir");
                } else {
                    out.put(key, Files.readString(p));
                }
            }
        }
        return out;
    }
}
