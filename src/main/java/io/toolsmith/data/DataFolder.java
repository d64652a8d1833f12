package io.toolsmith.data;

import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The functions' data folder: lists its files with their kind, through {@link DataTree} (no link followed,
 * no pipe opened, hidden files included: they are the functions' data too). Safe from any thread.
 */
public final class DataFolder {
    private final DataTree tree;

    public DataFolder(java.nio.file.Path dir) {
        this(new DataTree(dir));
    }

    public DataFolder(DataTree tree) {
        this.tree = tree;
    }

    public java.nio.file.Path dir() {
        return tree.root();
    }

    public DataTree tree() {
        return tree;
    }

    /** Regular files in the folder and below it, sorted by name (links and special files are not files). */
    public List<DataFile> list() throws IOException, UserFacingException {
        return files(tree.walk());
    }

    /** The regular files of a walk, sorted by name, with their kind. */
    public List<DataFile> files(DataTree.Listing listing) throws IOException, UserFacingException {
        List<DataFile> out = new ArrayList<>();
        for (TreeEntry e : listing.sorted()) {
            if (e.kind() == TreeEntry.Kind.FILE) {
                out.add(new DataFile(e.path(), e.size(), Instant.EPOCH.plusNanos(e.mtimeNs()), kindOf(e.path())));
            }
        }
        out.sort(Comparator.comparing(DataFile::name));
        return out;
    }

    /** By extension, else by the first byte: 0x80 starts every pickle of protocol 2 or later. */
    DataFile.Kind kindOf(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.endsWith(".pkl") || name.endsWith(".pickle") || name.endsWith(".p")) {
            return DataFile.Kind.PICKLE;
        }
        if (name.endsWith(".json") || name.endsWith(".jsonl")) {
            return DataFile.Kind.JSON;
        }
        if (name.endsWith(".csv")) {
            return DataFile.Kind.CSV;
        }
        if (name.endsWith(".txt") || name.endsWith(".md") || name.endsWith(".log")) {
            return DataFile.Kind.TEXT;
        }
        try (FileChannel in = tree.open(path)) {
            ByteBuffer first = ByteBuffer.allocate(1);
            return in.read(first) == 1 && (first.get(0) & 0xff) == 0x80 ? DataFile.Kind.PICKLE : DataFile.Kind.OTHER;
        } catch (IOException | UserFacingException e) {
            return DataFile.Kind.OTHER;
        }
    }
}
