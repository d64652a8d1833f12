package io.toolsmith.data;

import com.fasterxml.jackson.core.type.TypeReference;
import io.toolsmith.util.AtomicFiles;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Saves the data folder before each call and puts it back on undo.
 *
 * <p>Layout: {@code blobs/<sha256>} holds each distinct file content once; {@code <time>-<callId>/manifest.json}
 * lists one snapshot's files; {@code index.json} remembers size, modification time and hash of the files
 * seen last, so only files whose size or time changed are read again. Keeps the newest {@value #KEEP}
 * snapshots and at most {@link #MAX_BLOB_BYTES} of blobs. Methods are synchronized: one operation at a time.
 */
public final class DataSnapshots {
    private static final long RACY_MILLIS = 2000;
    static final int KEEP = 50;
    static final long MAX_BLOB_BYTES = 1L << 30;
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Path dataDir;
    private final Path snapshotsDir;
    private final int keep;
    private Instant lastTime;

    public DataSnapshots(Path dataDir, Path snapshotsDir) {
        this(dataDir, snapshotsDir, KEEP);
    }

    DataSnapshots(Path dataDir, Path snapshotsDir, int keep) {
        this.dataDir = dataDir;
        this.snapshotsDir = snapshotsDir;
        this.keep = keep;
    }

    /** Saves the data folder's current state; call before a function runs. */
    public synchronized Snapshot take(String callId, String label) throws IOException {
        Files.createDirectories(blobs());
        Map<String, SnapshotManifest.Entry> index = readIndex();
        long indexedAt = indexedAt();
        List<SnapshotManifest.Entry> entries = new ArrayList<>();
        Map<String, SnapshotManifest.Entry> newIndex = new HashMap<>();
        for (Path file : dataFiles()) {
            String rel = relative(file);
            long size = Files.size(file);
            long modified = Files.getLastModifiedTime(file).toMillis();
            SnapshotManifest.Entry known = index.get(rel);
            SnapshotManifest.Entry entry;
            if (known != null && known.size() == size && known.modified() == modified
                    && modified + RACY_MILLIS < indexedAt && Files.exists(blob(known.sha256()))) {
                entry = known;
            } else {
                entry = new SnapshotManifest.Entry(rel, size, modified, store(file));
            }
            entries.add(entry);
            newIndex.put(rel, entry);
        }
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        if (lastTime == null) {
            lastTime = manifests().stream().findFirst().map(SnapshotManifest::time).orElse(Instant.EPOCH);
        }
        if (!now.isAfter(lastTime)) {
            now = lastTime.plusMillis(1); // ids sort by time, so each snapshot gets its own millisecond
        }
        lastTime = now;
        String id = uniqueId(now, callId);
        SnapshotManifest manifest = new SnapshotManifest(id, callId, label, now, entries);
        AtomicFiles.write(snapshotsDir.resolve(id).resolve("manifest.json"), Json.MAPPER.writeValueAsBytes(manifest));
        AtomicFiles.write(snapshotsDir.resolve("index.json"), Json.MAPPER.writeValueAsBytes(newIndex));
        prune();
        return manifest.summary();
    }

    /** Snapshots, newest first. */
    public synchronized List<Snapshot> list() throws IOException {
        return manifests().stream().map(SnapshotManifest::summary).toList();
    }

    public synchronized Optional<Snapshot> latest() throws IOException {
        return list().stream().findFirst();
    }

    /**
     * Makes the data folder identical to snapshot {@code snapshotId}: changed and deleted files come back
     * byte for byte, files created later are removed. Takes a snapshot first and returns it, so this can be undone.
     */
    public synchronized Snapshot restore(String snapshotId) throws IOException, UserFacingException {
        SnapshotManifest target = manifest(snapshotId);
        Snapshot safety = take("undo", "Before restoring " + snapshotId);
        Map<String, SnapshotManifest.Entry> now = new HashMap<>();
        manifest(safety.id()).files().forEach(e -> now.put(e.path(), e));
        Set<String> wanted = new HashSet<>();
        for (SnapshotManifest.Entry e : target.files()) {
            wanted.add(e.path());
            SnapshotManifest.Entry current = now.get(e.path());
            Path file = dataDir.resolve(e.path());
            if (current == null || !current.sha256().equals(e.sha256())) {
                copyInto(blob(e.sha256()), file);
            }
            Files.setLastModifiedTime(file, FileTime.fromMillis(e.modified()));
        }
        for (String path : now.keySet()) {
            if (!wanted.contains(path)) {
                Files.deleteIfExists(dataDir.resolve(path));
            }
        }
        return safety;
    }

    /** What going from snapshot {@code fromId} to {@code toId} changes, one line per file ("changed x.pkl"). */
    public synchronized List<String> changes(String fromId, String toId) throws IOException, UserFacingException {
        Map<String, String> from = new HashMap<>();
        manifest(fromId).files().forEach(e -> from.put(e.path(), e.sha256()));
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SnapshotManifest.Entry e : manifest(toId).files()) {
            seen.add(e.path());
            String before = from.get(e.path());
            if (before == null) {
                out.add("restored " + e.path());
            } else if (!before.equals(e.sha256())) {
                out.add("changed " + e.path());
            }
        }
        from.keySet().stream().filter(p -> !seen.contains(p)).sorted().forEach(p -> out.add("removed " + p));
        return out;
    }

    private SnapshotManifest manifest(String id) throws IOException, UserFacingException {
        Path file = snapshotsDir.resolve(id).resolve("manifest.json");
        if (id.contains("/") || id.contains("\\") || !Files.isRegularFile(file)) {
            throw new UserFacingException("There is no snapshot " + id + "; run 'toolsmith data snapshots' to see them.");
        }
        return Json.MAPPER.readValue(file.toFile(), SnapshotManifest.class);
    }

    private List<SnapshotManifest> manifests() throws IOException {
        if (!Files.isDirectory(snapshotsDir)) {
            return List.of();
        }
        List<SnapshotManifest> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(snapshotsDir)) {
            for (Path dir : dirs.toList()) {
                Path file = dir.resolve("manifest.json");
                if (Files.isRegularFile(file)) {
                    out.add(Json.MAPPER.readValue(file.toFile(), SnapshotManifest.class));
                }
            }
        }
        out.sort(Comparator.comparing(SnapshotManifest::id).reversed());
        return out;
    }

    /** Keeps the newest snapshots within the count and blob-size limits; deletes blobs no snapshot uses. */
    private void prune() throws IOException {
        List<SnapshotManifest> all = manifests();
        Map<String, Long> blobSizes = new HashMap<>();
        List<SnapshotManifest> kept = new ArrayList<>();
        long total = 0;
        for (SnapshotManifest m : all) {
            long added = 0;
            for (SnapshotManifest.Entry e : m.files()) {
                if (!blobSizes.containsKey(e.sha256())) {
                    added += e.size();
                }
            }
            boolean fits = kept.size() < keep && (kept.isEmpty() || total + added <= MAX_BLOB_BYTES);
            if (fits) {
                kept.add(m);
                total += added;
                m.files().forEach(e -> blobSizes.put(e.sha256(), e.size()));
            } else {
                deleteTree(snapshotsDir.resolve(m.id()));
            }
        }
        try (Stream<Path> blobFiles = Files.list(blobs())) {
            for (Path b : blobFiles.toList()) {
                if (!blobSizes.containsKey(b.getFileName().toString())) {
                    Files.deleteIfExists(b);
                }
            }
        }
    }

    /** Copies {@code file} into the blob store while hashing it, so the stored bytes are exactly the hashed ones. */
    private String store(Path file) throws IOException {
        Path tmp = Files.createTempFile(blobs(), ".incoming", ".tmp");
        try {
            MessageDigest digest = sha256();
            try (InputStream in = Files.newInputStream(file);
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), digest)) {
                in.transferTo(out);
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

    /** Replaces {@code target} with a copy of {@code blob}, atomically, without holding the file in memory. */
    private static void copyInto(Path blob, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".restoring");
        try {
            Files.copy(blob, tmp, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private List<Path> dataFiles() throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /**
     * When the index was written. File times tick coarsely (a few milliseconds), so a file rewritten with the
     * same size just after it was indexed can keep its time: entries that were that fresh are hashed again.
     */
    private long indexedAt() {
        try {
            return Files.getLastModifiedTime(snapshotsDir.resolve("index.json")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private Map<String, SnapshotManifest.Entry> readIndex() {
        Path file = snapshotsDir.resolve("index.json");
        try {
            if (Files.isRegularFile(file)) {
                return Json.MAPPER.readValue(file.toFile(), new TypeReference<Map<String, SnapshotManifest.Entry>>() { });
            }
        } catch (IOException e) {
            // A damaged index only costs speed: every file is hashed again.
        }
        return Map.of();
    }

    private String uniqueId(Instant time, String callId) {
        String safe = callId == null || callId.isBlank() ? "call" : callId.replaceAll("[^A-Za-z0-9_.-]", "_");
        String base = ID_TIME.format(time) + "-" + safe;
        String id = base;
        for (int n = 2; Files.exists(snapshotsDir.resolve(id)); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    private String relative(Path file) {
        return dataDir.relativize(file).toString().replace('\\', '/');
    }

    private Path blobs() {
        return snapshotsDir.resolve("blobs");
    }

    private Path blob(String sha) {
        return blobs().resolve(sha);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
