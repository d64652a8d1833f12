package io.toolsmith.data;

import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Puts a file the user chose into the data folder, where functions can read it. The folder is untrusted (see
 * decision 0009): every change is made relative to the folder's own handle and never through a link, so a link a
 * function left under the name cannot send the bytes elsewhere. A name already taken gets a number, or, when the user
 * chose to, the file there is replaced: only a regular file, by a new file written beside it and renamed over it
 * (so the name holds the old bytes or the new ones, never a mix), after a snapshot of the folder, so the replace can
 * be undone like a call. The name is reduced to letters, digits, dots, dashes and underscores, so the model and the
 * functions can write it. The quota counts the new file before anything is written.
 */
public final class DataImport {
    /** The snapshot taken before a replace has this call id, so the lists of snapshots can say what it was. */
    public static final String REPLACE_SNAPSHOT = "replace";
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]+");
    private static final int LONGEST_NAME = 100;

    private final DataTree tree;
    private final DataQuota quota;
    private final DataSnapshots snapshots;

    /** What to do when the name is in use. */
    public enum WhenTaken {
        /**
         * When a regular file has the name, write nothing and say so ({@link Outcome#NAME_IN_USE}), so the user can be
         * asked; anything else there (a folder, a link, a special file) cannot be replaced, so the file gets a number.
         */
        ASK,
        /** Give the new file a number. */
        KEEP_BOTH,
        /** Replace the regular file there; refuse a folder, a link or a special file. */
        REPLACE
    }

    /** What came of a copy. */
    public enum Outcome {
        COPIED, NUMBERED, REPLACED, NAME_IN_USE
    }

    /** Without snapshots: a name in use is never replaced. */
    public DataImport(Path dataFolder, DataQuota quota) {
        this(dataFolder, quota, null);
    }

    /** {@code snapshots} keeps the folder as it was before a replace; without it a replace is refused. */
    public DataImport(Path dataFolder, DataQuota quota, DataSnapshots snapshots) {
        this.tree = new DataTree(dataFolder);
        this.quota = quota;
        this.snapshots = snapshots;
    }

    /**
     * What was put where: the name in the data folder, which functions open as {@code ~/data/<name>}. With
     * {@link Outcome#NAME_IN_USE} nothing was written and {@code name} is the name in use.
     */
    public record Imported(String name, long bytes, String wanted, Outcome outcome) {
        /** True when the safe name was taken and the file got a number. */
        public boolean renamed() {
            return outcome == Outcome.NUMBERED;
        }
    }

    /** Copies {@code source} into the data folder's top level; a name in use gets a number. */
    public Imported copyIn(Path source, String wantedName) throws UserFacingException {
        return copyIn(source, wantedName, WhenTaken.KEEP_BOTH);
    }

    /**
     * Copies {@code source} into the data folder's top level, doing {@code whenTaken} if its name is in use.
     *
     * @throws UserFacingException when the file cannot be read, would take the folder over its quota, the entry to
     *                             replace is not a regular file, or a function holds the folder for longer than a
     *                             few seconds; nothing was changed then
     */
    public Imported copyIn(Path source, String wantedName, WhenTaken whenTaken) throws UserFacingException {
        if (UserFiles.inDataFolder(source, tree.root()).isPresent()) {
            throw new UserFacingException(source.getFileName() + " is in the data folder already; functions can open"
                    + " it there, so it was not copied.");
        }
        try {
            Files.createDirectories(tree.root());
        } catch (IOException e) {
            throw new UserFacingException("The data folder " + tree.root() + " could not be made (" + e.getMessage()
                    + "). Check that its parent folder can be written.", e);
        }
        DataFolderLock lock = tree.lock();
        try {
            if (!lock.tryLock(5, TimeUnit.SECONDS)) {
                throw new UserFacingException("A function is using the data folder, so " + source.getFileName()
                        + " was not put there. Try again when it has finished.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserFacingException("Putting " + source.getFileName() + " in the data folder was stopped.", e);
        }
        String name = safeName(wantedName);
        // The source is the user's own file (checked above not to be in the data folder): links of theirs are
        // followed, but only a regular file is opened, and no more than the size it had when opened is copied.
        try (FileChannel in = UserFiles.openOwn(source);
                FolderHandles handles = FolderHandles.open(tree, "put a file there")) {
            long size = in.size();
            PosixFileAttributes there = handles.stat(name);
            // Only a regular file can be replaced, so only then is there anything to ask.
            boolean ask = whenTaken == WhenTaken.ASK && there != null && there.isRegularFile();
            if (there == null || whenTaken == WhenTaken.KEEP_BOTH || whenTaken == WhenTaken.ASK && !ask) {
                checkQuota(source, 1, size);
                String free = freeName(handles, name);
                try (FileChannel out = handles.create(free)) {
                    copy(in, size, out);
                }
                return new Imported(free, size, name, free.equals(name) ? Outcome.COPIED : Outcome.NUMBERED);
            }
            if (whenTaken == WhenTaken.ASK) {
                return new Imported(name, size, name, Outcome.NAME_IN_USE);
            }
            return replace(handles, in, source, name, there, size);
        } catch (IOException e) {
            throw new UserFacingException(source.getFileName() + " could not be put in the data folder ("
                    + e.getMessage() + "). Nothing else was changed; try again.", e);
        } finally {
            lock.unlock();
        }
    }

    private void checkQuota(Path source, int moreFiles, long moreBytes) throws IOException, UserFacingException {
        DataTree.Listing now = tree.walk();
        var over = quota.excess(now.count() + moreFiles, now.bytes() + moreBytes);
        if (over.isPresent()) {
            throw new UserFacingException(source.getFileName() + " was not put in the data folder: with it, the"
                    + " folder would hold " + over.get() + ". Remove files from it or raise the quota in Settings.");
        }
    }

    private static String freeName(FolderHandles handles, String name) throws IOException, UserFacingException {
        String free = name;
        for (int n = 2; handles.stat(free) != null; n++) {
            if (n > 1000) {
                throw new UserFacingException("The data folder already has many files named like " + name
                        + "; rename the file and try again.");
            }
            free = numbered(name, n);
        }
        return free;
    }

    /**
     * Replaces the regular file {@code name} with {@code source}'s bytes: a snapshot first (so it can be undone), then
     * a new file under a random name ({@code O_CREAT|O_EXCL|O_NOFOLLOW}) renamed over the old one, both relative to the
     * folder's handle. A rename replaces the entry itself and never follows it, and one that found a folder there
     * fails; the entry is checked again just before, so what a function swapped in meanwhile is refused, not replaced.
     */
    private Imported replace(FolderHandles handles, FileChannel in, Path source, String name, PosixFileAttributes there,
            long size)
            throws IOException, UserFacingException {
        refuseUnlessRegular(name, there);
        if (snapshots == null) {
            throw new UserFacingException(name + " is already in the data folder, and it cannot be replaced here."
                    + " Keep both instead: the new file gets a number.");
        }
        // The old file's bytes leave the folder as the new ones come in: one file as before, the size changed.
        checkQuota(source, 0, size - there.size());
        snapshots.take(REPLACE_SNAPSHOT, "replacing " + name);
        String temporary = FolderHandles.temporaryName(".import");
        try {
            try (FileChannel out = handles.create(temporary)) {
                copy(in, size, out);
                out.force(true);
            }
            refuseUnlessRegular(name, handles.stat(name));
            handles.rename(temporary, name);
        } finally {
            handles.remove(temporary); // gone already after the rename
        }
        return new Imported(name, size, name, Outcome.REPLACED);
    }

    private static void refuseUnlessRegular(String name, PosixFileAttributes there) throws UserFacingException {
        if (there != null && !there.isRegularFile()) {
            String kind = there.isDirectory() ? "a folder" : there.isSymbolicLink() ? "a link" : "a special file";
            throw new UserFacingException(name + " in the data folder is " + kind + ", not a file, so Toolsmith will"
                    + " not replace it; nothing was changed. Choose Keep both to put the file there under a new name.");
        }
    }

    private static void copy(FileChannel in, long size, FileChannel out) throws IOException {
        long done = 0;
        while (done < size) {
            long n = in.transferTo(done, size - done, out);
            if (n <= 0) {
                break; // the file shrank meanwhile: what is there is copied
            }
            done += n;
        }
    }

    /** A name the data folder and the model can both use: no folders, no hidden files, no odd characters. */
    public static String safeName(String wanted) {
        String base = wanted == null ? "" : wanted;
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        base = UNSAFE.matcher(base.substring(slash + 1)).replaceAll("_");
        base = base.replaceAll("^[._-]+", "");
        if (base.length() > LONGEST_NAME) {
            int dot = base.lastIndexOf('.');
            String suffix = dot > 0 && base.length() - dot <= 10 ? base.substring(dot) : "";
            base = base.substring(0, LONGEST_NAME - suffix.length()) + suffix;
        }
        return base.isEmpty() || base.equals(".") ? "file" : base;
    }

    static String numbered(String name, int n) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
    }
}
