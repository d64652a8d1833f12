package io.toolsmith.data;

import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts the data folder back to a snapshot's entries. {@link #check} validates the whole plan before anything is
 * touched (paths that stay inside the folder, every parent a folder of the snapshot, every copy present).
 * {@link #apply} then removes what should not be there, deepest first and without following anything (a link is
 * removed as a link), creates folders, and writes each file as a temporary file in its parent, renamed over the
 * name; every folder above is checked with {@code lstat} right before each write. Called with the folder lock held.
 */
final class DataRestore {
    private final DataTree tree;
    private final SnapshotStore store;
    private final String snapshotId;

    DataRestore(DataTree tree, SnapshotStore store, String snapshotId) {
        this.tree = tree;
        this.store = store;
        this.snapshotId = snapshotId;
    }

    /**
     * Checks every entry of the snapshot and returns them with the folders that format-1 snapshots only implied
     * (they listed files alone).
     */
    Map<String, SnapshotManifest.Entry> check(Map<String, SnapshotManifest.Entry> snapshot) throws UserFacingException {
        Map<String, SnapshotManifest.Entry> wanted = new HashMap<>(snapshot);
        for (SnapshotManifest.Entry e : snapshot.values()) {
            List<String> names = DataNames.elements(e.path()).orElseThrow(() -> refuse("lists \""
                    + DataNames.display(String.valueOf(e.path())) + "\", which is not a path inside the data folder"));
            String folder = "";
            for (int i = 0; i < names.size() - 1; i++) {
                folder = folder.isEmpty() ? names.get(i) : folder + "/" + names.get(i);
                wanted.putIfAbsent(folder, new SnapshotManifest.Entry(folder, SnapshotManifest.Entry.DIR, 0, 0,
                        null, null, null, null, null));
            }
        }
        for (SnapshotManifest.Entry e : wanted.values()) {
            String parent = DataNames.parent(e.path());
            SnapshotManifest.Entry folder = wanted.get(parent);
            if (!parent.isEmpty() && folder != null && !SnapshotManifest.Entry.DIR.equals(folder.kind())) {
                throw refuse("lists " + DataNames.display(e.path()) + " inside " + DataNames.display(parent)
                        + ", which it also lists as a " + folder.kind());
            }
            switch (e.kind()) {
                case SnapshotManifest.Entry.FILE -> {
                    if (!SnapshotStore.validSha(e.sha256())
                            || !Files.isRegularFile(store.blob(e.sha256()), LinkOption.NOFOLLOW_LINKS)) {
                        throw refuse("has lost its copy of " + DataNames.display(e.path()));
                    }
                }
                case SnapshotManifest.Entry.LINK -> {
                    if (e.target() == null || e.target().isEmpty() || e.target().indexOf('\0') >= 0) {
                        throw refuse("has a link " + DataNames.display(e.path()) + " without a target");
                    }
                }
                case SnapshotManifest.Entry.DIR -> { }
                default -> throw refuse("has an entry of unknown kind at " + DataNames.display(e.path()));
            }
        }
        return wanted;
    }

    private UserFacingException refuse(String what) {
        return new UserFacingException("Snapshot " + snapshotId + " " + what + ", so Toolsmith will not restore it;"
                + " nothing was changed. Choose another snapshot with 'toolsmith data snapshots'.");
    }

    /**
     * Makes the folder match {@code wanted}, given what is there now ({@code current}, as the safety snapshot saw
     * it, and the special files it skipped). Returns sentences about special files removed.
     */
    List<String> apply(Map<String, SnapshotManifest.Entry> wanted, Map<String, SnapshotManifest.Entry> current,
                       List<TreeEntry> specials) throws IOException, UserFacingException {
        List<String> notes = new ArrayList<>();
        List<String> removals = new ArrayList<>();
        Set<String> removed = new HashSet<>();
        for (SnapshotManifest.Entry now : current.values()) {
            SnapshotManifest.Entry want = wanted.get(now.path());
            if (want == null || !want.kind().equals(now.kind())
                    || (SnapshotManifest.Entry.LINK.equals(now.kind()) && !now.target().equals(want.target()))) {
                removals.add(now.path());
            }
        }
        for (TreeEntry special : specials) {
            removals.add(special.path());
            notes.add("removed " + special.displayPath() + " (" + DataTree.article(special.kind())
                    + ", never opened; snapshots do not keep those)");
        }
        // Deepest first: "a/b" sorts after "a", so reverse order removes contents before their folder.
        removals.sort(Comparator.reverseOrder());
        removed.addAll(removals);
        for (String path : removals) {
            remove(path);
        }
        List<SnapshotManifest.Entry> creations = new ArrayList<>(wanted.values());
        creations.sort(Comparator.comparing(SnapshotManifest.Entry::path));
        for (SnapshotManifest.Entry want : creations) {
            SnapshotManifest.Entry now = removed.contains(want.path()) ? null : current.get(want.path());
            create(want, now);
        }
        return notes;
    }

    private void remove(String path) throws IOException, UserFacingException {
        Path parent = tree.parentFolder(path);
        Path entry = parent.resolve(name(path));
        try {
            Files.deleteIfExists(entry); // unlink or rmdir: a link is removed itself, never what it points to
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            throw new UserFacingException(tree.shown(path) + " could not be removed: something was added to it during"
                    + " the undo. The data folder may be partly restored; run the undo again.", e);
        }
    }

    private void create(SnapshotManifest.Entry want, SnapshotManifest.Entry now) throws IOException, UserFacingException {
        switch (want.kind()) {
            case SnapshotManifest.Entry.DIR -> {
                if (now == null) {
                    Files.createDirectory(tree.parentFolder(want.path()).resolve(name(want.path())));
                }
            }
            case SnapshotManifest.Entry.LINK -> {
                if (now == null) {
                    Files.createSymbolicLink(tree.parentFolder(want.path()).resolve(name(want.path())), Path.of(want.target()));
                }
            }
            default -> {
                if (now == null || !now.sameContent(want)) {
                    write(want);
                }
            }
        }
    }

    /** Writes a file's content as a temporary file in its checked parent, then renames it over the name. */
    private void write(SnapshotManifest.Entry want) throws IOException, UserFacingException {
        Path parent = tree.parentFolder(want.path());
        Path tmp = Files.createTempFile(parent, ".toolsmith-", ".restoring");
        try {
            try (FileChannel in = FileChannel.open(store.blob(want.sha256()), StandardOpenOption.READ);
                 FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                long done = 0;
                long size = in.size();
                while (done < size) {
                    done += in.transferTo(done, size - done, out);
                }
            }
            FileTime modified = FileTime.fromMillis(want.modified());
            Files.getFileAttributeView(tmp, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(modified, null, null);
            Path target = tree.parentFolder(want.path()).resolve(name(want.path()));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
