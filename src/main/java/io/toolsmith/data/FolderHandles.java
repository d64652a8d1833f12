package io.toolsmith.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folders of the data folder opened as directory handles ({@link SecureDirectoryStream}): each is opened from the
 * handle of its parent with {@code O_NOFOLLOW}, starting at the data folder itself, and every change (create,
 * write, rename, remove, chmod) is made relative to a handle, never by a path. A process that swaps a folder for
 * a link after it was checked (another Toolsmith process on the same home, or something a call left running) can
 * make an operation fail, never make it reach outside: a handle stays on the folder it opened, wherever that
 * folder is moved within the data folder. A restore and the Try copy use it; they hold the folder lock.
 * <p>
 * The handles have no {@code mkdir} and no {@code symlink}, so a new folder or link is made under a random name in
 * the data folder's root (trusted: the sandbox cannot move or replace its own mount point) and renamed into place
 * from there, relative to both handles.
 */
final class FolderHandles implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final PosixFilePermission[] BITS = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    private final DataTree tree;
    private final Path top;
    /** Open handles by folder path ("" is the data folder); a removed folder's handle (and those below) is closed. */
    private final Map<String, SecureDirectoryStream<Path>> open = new HashMap<>();

    private FolderHandles(DataTree tree, Path top, SecureDirectoryStream<Path> root) {
        this.tree = tree;
        this.top = top;
        open.put("", root);
    }

    /** Opens the data folder's handle; fails closed where the system has no directory handles. */
    static FolderHandles open(DataTree tree, String purpose) throws IOException, DataTreeException {
        Path top = tree.realRoot();
        if (top == null) {
            throw new DataTreeException(null, "The data folder " + tree.root() + " does not exist.");
        }
        DirectoryStream<Path> stream = Files.newDirectoryStream(top);
        if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
            stream.close();
            throw new DataTreeException(null, "This system cannot open the folders of " + tree.root() + " without"
                    + " following links (no secure directory streams), so Toolsmith will not " + purpose
                    + "; nothing was changed.");
        }
        return new FolderHandles(tree, top, secure);
    }

    /** What is at {@code path} ({@code lstat}, relative to its parent's handle), or null when nothing is. */
    PosixFileAttributes stat(String path) throws IOException, DataTreeException {
        return stat(folder(DataNames.parent(path)), path);
    }

    private PosixFileAttributes stat(SecureDirectoryStream<Path> parent, String path) throws IOException {
        try {
            return parent.getFileAttributeView(name(path), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The handle of folder {@code path}, opened from its parent's without following a link. */
    SecureDirectoryStream<Path> folder(String path) throws IOException, DataTreeException {
        SecureDirectoryStream<Path> handle = open.get(path);
        if (handle != null) {
            return handle;
        }
        SecureDirectoryStream<Path> parent = folder(DataNames.parent(path));
        // Checked first so that a pipe is never opened (opening one waits for a writer); O_NOFOLLOW below
        // refuses a link swapped in after this check.
        PosixFileAttributes seen = stat(parent, path);
        if (seen == null || !seen.isDirectory()) {
            throw new DataTreeException(path, tree.shown(path) + (seen == null ? " does not exist (any more)"
                    : " is not a folder (any more)") + ", so Toolsmith will not go through it; nothing outside"
                    + " the data folder was touched. Try again.");
        }
        try {
            handle = parent.newDirectoryStream(name(path), LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            throw new DataTreeException(path, tree.shown(path) + " changed while Toolsmith opened it ("
                    + DataTree.reason(e) + "); nothing outside the data folder was touched. Try again.", e);
        }
        open.put(path, handle);
        return handle;
    }

    /** Removes the entry at {@code path} itself (a link, never what it points to; a folder only when empty). */
    void remove(String path) throws IOException, DataTreeException {
        SecureDirectoryStream<Path> parent = folder(DataNames.parent(path));
        PosixFileAttributes seen = stat(parent, path);
        if (seen == null) {
            return;
        }
        try {
            if (seen.isDirectory()) {
                forget(path);
                parent.deleteDirectory(name(path));
            } else {
                parent.deleteFile(name(path));
            }
        } catch (NoSuchFileException e) {
            // gone already
        } catch (DirectoryNotEmptyException e) {
            throw new DataTreeException(path, tree.shown(path) + " could not be removed: something was added to it"
                    + " meanwhile. The data folder may be partly restored; run the undo again.", e);
        }
    }

    /** Creates an empty file at {@code path} that must not exist yet; the caller writes and closes it. */
    FileChannel create(String path) throws IOException, DataTreeException {
        return (FileChannel) folder(DataNames.parent(path)).newByteChannel(name(path), Set.of(
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
    }

    /** Opens the regular file at {@code path} for reading, checked first so that no pipe is ever opened. */
    FileChannel read(String path) throws IOException, DataTreeException {
        SecureDirectoryStream<Path> parent = folder(DataNames.parent(path));
        PosixFileAttributes seen = stat(parent, path);
        if (seen == null || !seen.isRegularFile()) {
            throw new DataTreeException(path, tree.shown(path) + " is not a regular file (any more); try again.");
        }
        FileChannel channel = (FileChannel) parent.newByteChannel(name(path), Set.of(StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS));
        // The same file as checked (device and inode), or it was replaced between the check and the open.
        PosixFileAttributes after = stat(parent, path);
        if (after == null || !after.isRegularFile() || !java.util.Objects.equals(after.fileKey(), seen.fileKey())) {
            channel.close();
            throw new DataTreeException(path, tree.shown(path) + " changed while it was being opened; try again.");
        }
        return channel;
    }

    /** A name for a temporary entry nobody else uses. */
    static String temporaryName(String suffix) {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return ".toolsmith-" + HexFormat.of().formatHex(random) + suffix;
    }

    /** Renames {@code from} to {@code to} (both paths); replaces a file or link at {@code to}, never follows it. */
    void rename(String from, String to) throws IOException, DataTreeException {
        folder(DataNames.parent(from)).move(name(from), folder(DataNames.parent(to)), name(to));
    }

    /** Makes an empty folder at {@code path} (see the class comment for why it is made in the root first). */
    void createFolder(String path) throws IOException, DataTreeException {
        String staging = temporaryName(".folder");
        Files.createDirectory(top.resolve(staging));
        moveIntoPlace(staging, path);
    }

    /** Makes a link at {@code path} with {@code target} as its text (never resolved). */
    void createLink(String path, String target) throws IOException, DataTreeException {
        String staging = temporaryName(".link");
        Files.createSymbolicLink(top.resolve(staging), Path.of(target));
        moveIntoPlace(staging, path);
    }

    private void moveIntoPlace(String staging, String path) throws IOException, DataTreeException {
        try {
            rename(staging, path);
        } catch (IOException | DataTreeException e) {
            remove(staging);
            throw e;
        }
    }

    /** Sets the permission bits of the entry at {@code path}, which must still be a file or folder. */
    void chmod(String path, int mode) throws IOException, DataTreeException {
        PosixFileAttributeView view = isFolder(path)
                ? folder(path).getFileAttributeView(PosixFileAttributeView.class) // fchmod of the handle
                : fileView(path);
        view.setPermissions(permissions(mode));
    }

    /** Sets the modification time of the regular file at {@code path}. */
    void touch(String path, FileTime modified) throws IOException, DataTreeException {
        fileView(path).setTimes(modified, null, null);
    }

    private boolean isFolder(String path) throws IOException, DataTreeException {
        if (open.containsKey(path)) {
            return true;
        }
        PosixFileAttributes seen = stat(path);
        return seen != null && seen.isDirectory();
    }

    private PosixFileAttributeView fileView(String path) throws IOException, DataTreeException {
        SecureDirectoryStream<Path> parent = folder(DataNames.parent(path));
        PosixFileAttributes seen = stat(parent, path);
        if (seen == null || !seen.isRegularFile()) {
            // The view opens the file (O_NOFOLLOW) to change it: never a pipe.
            throw new DataTreeException(path, tree.shown(path) + " is not a regular file (any more); try again.");
        }
        return parent.getFileAttributeView(name(path), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BITS.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                out.add(BITS[bit]);
            }
        }
        return out;
    }

    /** Closes the handles of {@code path} and everything below it: the folder is about to go. */
    private void forget(String path) throws IOException {
        List<String> gone = new ArrayList<>();
        for (String p : open.keySet()) {
            if (p.equals(path) || p.startsWith(path + "/")) {
                gone.add(p);
            }
        }
        for (String p : gone) {
            open.remove(p).close();
        }
    }

    private static Path name(String path) {
        return Path.of(path.substring(path.lastIndexOf('/') + 1));
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (SecureDirectoryStream<Path> handle : open.values()) {
            try {
                handle.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}
