package io.toolsmith.data;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Opens regular files of the data folder through folder handles, never by path (see {@link FolderHandles}): a
 * folder swapped for a link after the walk that found the file makes the open fail, it never reads through the
 * link. For reading the whole folder (the Try copy), with the folder lock held.
 */
public final class HandleReader implements AutoCloseable {
    private final DataTree tree;
    private final FolderHandles handles;

    private HandleReader(DataTree tree, FolderHandles handles) {
        this.tree = tree;
        this.handles = handles;
    }

    /** Opens the data folder's handle; refused with a sentence where the system has no directory handles. */
    public static HandleReader open(DataTree tree) throws IOException, DataTreeException {
        return new HandleReader(tree, FolderHandles.open(tree, "copy it"));
    }

    /** The regular file {@code file} found by a walk, opened for reading; the caller closes it. */
    public FileChannel open(TreeEntry file) throws IOException, DataTreeException {
        tree.requireFile(file);
        try {
            return handles.read(file.path());
        } catch (java.nio.file.FileSystemException e) {
            throw new DataTreeException(file.path(), tree.shown(file.path()) + " changed while it was being opened ("
                    + DataTree.reason(e) + "); try again.", e);
        }
    }

    @Override
    public void close() throws IOException {
        handles.close();
    }
}
