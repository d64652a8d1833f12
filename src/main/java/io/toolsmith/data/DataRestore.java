package io.toolsmith.data;

import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
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
 * removed as a link), creates folders, writes each file as a temporary file in its parent, renamed over the name,
 * and gives files and folders their recorded modes; all of it through folder handles ({@link FolderHandles}),
 * never by path. Called with the folder lock held.
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
                        null, null, null, null, null, null));
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
     * it, and the special files it skipped). Returns sentences about special files removed. Every change is made
     * relative to a folder handle opened without following links (see {@link FolderHandles}), so a folder swapped
     * for a link meanwhile makes the restore stop with a sentence, never write or remove outside the folder.
     */
    List<String> apply(Map<String, SnapshotManifest.Entry> wanted, Map<String, SnapshotManifest.Entry> current,
                       List<TreeEntry> specials) throws IOException, UserFacingException {
        try (FolderHandles handles = FolderHandles.open(tree, "restore it")) {
            return apply(handles, wanted, current, specials);
        } catch (java.nio.file.FileSystemException e) {
            String path = e.getFile() == null ? "" : e.getFile();
            throw new UserFacingException("The restore stopped at " + tree.shown(path) + " (" + DataTree.reason(e)
                    + "): something changed the data folder meanwhile. Nothing outside it was touched; run the undo"
                    + " again (the snapshot taken before it can undo what was done).", e);
        }
    }

    private List<String> apply(FolderHandles handles, Map<String, SnapshotManifest.Entry> wanted,
                               Map<String, SnapshotManifest.Entry> current, List<TreeEntry> specials)
            throws IOException, UserFacingException {
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
            handles.remove(path);
        }
        List<SnapshotManifest.Entry> creations = new ArrayList<>(wanted.values());
        creations.sort(Comparator.comparing(SnapshotManifest.Entry::path));
        for (SnapshotManifest.Entry want : creations) {
            SnapshotManifest.Entry now = removed.contains(want.path()) ? null : current.get(want.path());
            create(handles, want, now);
        }
        // Folder modes last and deepest first: a folder restored without write permission is filled before.
        for (int i = creations.size() - 1; i >= 0; i--) {
            SnapshotManifest.Entry want = creations.get(i);
            SnapshotManifest.Entry now = removed.contains(want.path()) ? null : current.get(want.path());
            if (SnapshotManifest.Entry.DIR.equals(want.kind()) && want.modeDiffers(now)) {
                handles.chmod(want.path(), want.permissions());
            }
        }
        return notes;
    }

    private void create(FolderHandles handles, SnapshotManifest.Entry want, SnapshotManifest.Entry now)
            throws IOException, UserFacingException {
        switch (want.kind()) {
            case SnapshotManifest.Entry.DIR -> {
                if (now == null) {
                    handles.createFolder(want.path());
                }
            }
            case SnapshotManifest.Entry.LINK -> {
                if (now == null) {
                    handles.createLink(want.path(), want.target());
                }
            }
            default -> {
                if (now == null || !now.sameContent(want)) {
                    write(handles, want);
                } else if (want.modeDiffers(now)) {
                    handles.chmod(want.path(), want.permissions());
                }
            }
        }
    }

    /**
     * Writes a file's content as a new temporary file in its parent (through the parent's handle), gives it its
     * mode and time, then renames it over the name: a rename replaces a link there, it does not write through it.
     */
    private void write(FolderHandles handles, SnapshotManifest.Entry want) throws IOException, UserFacingException {
        String parent = DataNames.parent(want.path());
        String tmpName = FolderHandles.temporaryName(".restoring");
        String tmp = parent.isEmpty() ? tmpName : parent + "/" + tmpName;
        try {
            try (FileChannel in = FileChannel.open(store.blob(want.sha256()), StandardOpenOption.READ);
                 FileChannel out = handles.create(tmp)) {
                long done = 0;
                long size = in.size();
                while (done < size) {
                    done += in.transferTo(done, size - done, out);
                }
            }
            // The time first: both open the file (O_NOFOLLOW) and a mode without read permission would refuse that.
            handles.touch(tmp, FileTime.fromMillis(want.modified()));
            if (want.permissions() != null) {
                handles.chmod(tmp, want.permissions());
            }
            handles.rename(tmp, want.path());
        } catch (IOException | UserFacingException e) {
            try {
                handles.remove(tmp);
            } catch (IOException | UserFacingException cleanup) {
                e.addSuppressed(cleanup); // the first failure is the one the user must hear about
            }
            throw e;
        }
    }
}
