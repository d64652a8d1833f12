package io.toolsmith.data;

import com.fasterxml.jackson.core.type.TypeReference;
import io.toolsmith.util.AtomicFiles;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files under {@code <home>/snapshots}: {@code blobs/<sha256>} (file contents, each once),
 * {@code trees/<sha256>.json} (base trees, each once), {@code <id>/manifest.json} and a {@code stamp} file whose
 * modification time is the file system's clock at the start of the latest snapshot. Not thread-safe: used under
 * {@link DataSnapshots}'s lock.
 */
final class SnapshotStore {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ID = Pattern.compile("[0-9]{8}T[0-9]{6}\\.[0-9]{3}Z-[A-Za-z0-9_.-]+");
    private static final TypeReference<List<SnapshotManifest.Entry>> TREE = new TypeReference<>() { };

    private final Path dir;
    /** The last base trees read or written, by hash: most snapshots share one. */
    private final Map<String, List<SnapshotManifest.Entry>> trees = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<SnapshotManifest.Entry>> eldest) {
            return size() > 2;
        }
    };

    SnapshotStore(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /**
     * Touches the stamp file and returns its modification time: the file system's clock now, with the same
     * granularity as the times of the files about to be looked at.
     */
    long stamp() throws IOException {
        Files.createDirectories(dir);
        Path stamp = dir.resolve("stamp");
        Files.write(stamp, new byte[] {'.'});
        return Files.getLastModifiedTime(stamp, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS);
    }

    static boolean validSha(String sha) {
        return sha != null && SHA256.matcher(sha).matches();
    }

    /** The blob of {@code sha}; the hash comes from a manifest, so it is checked to be a hash, never a path. */
    Path blob(String sha) {
        if (!validSha(sha)) {
            throw new IllegalArgumentException("not a SHA-256: " + sha);
        }
        return dir.resolve("blobs").resolve(sha);
    }

    /** Copies the open file into the blob store while hashing it (at most {@code size} bytes); returns the hash. */
    String store(FileChannel in, long size) throws IOException {
        Path blobs = Files.createDirectories(dir.resolve("blobs"));
        Path tmp = Files.createTempFile(blobs, ".incoming", ".tmp");
        try {
            MessageDigest digest = sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), digest)) {
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Math.max(size, 1), 1 << 16));
                long left = size;
                while (left > 0) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    out.write(buffer.array(), 0, n);
                    left -= n;
                }
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            Path target = blob(sha);
            if (!Files.exists(target)) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return sha;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes a base tree (entries sorted by path, so equal trees share a file) and returns its hash. */
    String writeTree(List<SnapshotManifest.Entry> entries) throws IOException {
        List<SnapshotManifest.Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(SnapshotManifest.Entry::path));
        byte[] bytes = Json.MAPPER.writeValueAsBytes(sorted);
        String sha = HexFormat.of().formatHex(sha256().digest(bytes));
        Path file = treeFile(sha);
        if (!Files.exists(file)) {
            AtomicFiles.write(file, bytes);
        }
        trees.put(sha, sorted);
        return sha;
    }

    List<SnapshotManifest.Entry> tree(String sha) throws IOException, UserFacingException {
        List<SnapshotManifest.Entry> cached = trees.get(sha);
        if (cached != null) {
            return cached;
        }
        Path file = validSha(sha) ? treeFile(sha) : null;
        if (file == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new UserFacingException("A snapshot's list of files (" + sha + ") is missing from " + dir
                    + "; that snapshot cannot be used. Choose another one with 'toolsmith data snapshots'.");
        }
        List<SnapshotManifest.Entry> tree = Json.MAPPER.readValue(file.toFile(), TREE);
        trees.put(sha, tree);
        return tree;
    }

    void deleteTree(String sha) throws IOException {
        if (validSha(sha)) {
            Files.deleteIfExists(treeFile(sha));
            trees.remove(sha);
        }
    }

    private Path treeFile(String sha) {
        return dir.resolve("trees").resolve(sha + ".json");
    }

    void writeManifest(SnapshotManifest manifest) throws IOException {
        AtomicFiles.write(dir.resolve(manifest.id()).resolve("manifest.json"), Json.MAPPER.writeValueAsBytes(manifest));
    }

    boolean exists(String id) {
        return Files.exists(dir.resolve(id));
    }

    SnapshotManifest manifest(String id) throws IOException, UserFacingException {
        if (id == null || !ID.matcher(id).matches() || !Files.isRegularFile(dir.resolve(id).resolve("manifest.json"))) {
            throw new UserFacingException("There is no snapshot " + DataNames.display(String.valueOf(id))
                    + "; run 'toolsmith data snapshots' to see them.");
        }
        return Json.MAPPER.readValue(dir.resolve(id).resolve("manifest.json").toFile(), SnapshotManifest.class);
    }

    /**
     * The manifest of {@code id}, or empty (logged) when it cannot be read: one damaged manifest must not make
     * listing, pruning or the next snapshot impossible.
     */
    Optional<SnapshotManifest> readable(String id) {
        try {
            return Optional.of(manifest(id));
        } catch (IOException | UserFacingException e) {
            LOG.warn("The snapshot {} cannot be read and is left out: {}", id, e.getMessage());
            return Optional.empty();
        }
    }

    /** Snapshot ids, newest first (ids start with the time). */
    List<String> ids() throws IOException {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return ids;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (ID.matcher(name).matches() && Files.isRegularFile(child.resolve("manifest.json"))) {
                    ids.add(name);
                }
            }
        }
        ids.sort(Comparator.reverseOrder());
        return ids;
    }

    void deleteSnapshot(String id) throws IOException {
        Path snapshot = dir.resolve(id);
        Files.deleteIfExists(snapshot.resolve("manifest.json"));
        Files.deleteIfExists(snapshot);
    }

    void deleteBlob(String sha) throws IOException {
        if (validSha(sha)) {
            Files.deleteIfExists(blob(sha));
        }
    }

    /** The index of format 1 is not used any more: the latest snapshot is the index now. */
    void dropLegacyIndex() throws IOException {
        Files.deleteIfExists(dir.resolve("index.json"));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
