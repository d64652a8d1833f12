package io.toolsmith.data;

import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Puts a file the user chose into the data folder, where functions can read it. The folder is untrusted (see
 * decision 0009): the copy is made relative to the folder's own handle as a new file that must not exist yet and is
 * never reached through a link, so a link a function left under that name cannot send the bytes elsewhere. Nothing
 * is overwritten: a name already taken gets a number. The name is reduced to letters, digits, dots, dashes and
 * underscores, so the model and the functions can write it. The quota counts the new file before anything is written.
 */
public final class DataImport {
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]+");
    private static final int LONGEST_NAME = 100;

    private final DataTree tree;
    private final DataQuota quota;

    public DataImport(Path dataFolder, DataQuota quota) {
        this.tree = new DataTree(dataFolder);
        this.quota = quota;
    }

    /** What was put where: the name in the data folder, which functions open as {@code ~/data/<name>}. */
    public record Imported(String name, long bytes, String wanted) {
        /** True when the safe name was taken and the file got a number. */
        public boolean renamed() {
            return !name.equals(wanted);
        }
    }

    /**
     * Copies {@code source} into the data folder's top level.
     *
     * @throws UserFacingException when the file cannot be read, would take the folder over its quota, or a function
     *                             holds the folder for longer than a few seconds; nothing was changed then
     */
    public Imported copyIn(Path source, String wantedName) throws UserFacingException {
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
        // The source is the user's own file (checked above not to be in the data folder): links of theirs are
        // followed, but only a regular file is opened, and no more than the size it had when opened is copied.
        try (FileChannel in = UserFiles.openOwn(source)) {
            long size = in.size();
            DataTree.Listing now = tree.walk();
            var over = quota.excess(now.count() + 1, now.bytes() + size);
            if (over.isPresent()) {
                throw new UserFacingException(source.getFileName() + " was not put in the data folder: with it, the"
                        + " folder would hold " + over.get() + ". Remove files from it or raise the quota in Settings.");
            }
            return write(in, size, safeName(wantedName));
        } catch (IOException e) {
            throw new UserFacingException(source.getFileName() + " could not be put in the data folder ("
                    + e.getMessage() + "). Nothing else was changed; try again.", e);
        } finally {
            lock.unlock();
        }
    }

    private Imported write(FileChannel in, long size, String name) throws IOException, UserFacingException {
        try (FolderHandles handles = FolderHandles.open(tree, "put a file there")) {
            String free = name;
            for (int n = 2; handles.stat(free) != null; n++) {
                if (n > 1000) {
                    throw new UserFacingException("The data folder already has many files named like " + name
                            + "; rename the file and try again.");
                }
                free = numbered(name, n);
            }
            try (FileChannel out = handles.create(free)) {
                long done = 0;
                while (done < size) {
                    long n = in.transferTo(done, size - done, out);
                    if (n <= 0) {
                        break; // the file shrank meanwhile: what is there is copied
                    }
                    done += n;
                }
            }
            return new Imported(free, size, name);
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
