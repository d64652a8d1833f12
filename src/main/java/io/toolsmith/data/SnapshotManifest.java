package io.toolsmith.data;

import java.time.Instant;
import java.util.List;

/**
 * manifest.json of a snapshot. Since format 2 a snapshot is a shared, content-addressed base tree
 * ({@code trees/<sha256>.json}, every entry) plus this snapshot's {@code changes} and {@code removed} paths
 * against it, so a call that changed one file writes one entry, not the whole folder again. Format 1 (no
 * {@code format}) listed every regular file in {@code files}; it is still read. Every path in either is
 * checked with {@link DataNames#elements} before use: manifests are not trusted either.
 */
record SnapshotManifest(Integer format, String id, String callId, String label, Instant time, Long stampNs,
                        String base, List<Entry> changes, List<String> removed, List<Entry> files,
                        Integer fileCount, Long byteCount) {
    static final int FORMAT = 2;

    /**
     * A file, folder or link at {@code path} (exact names joined by '/'). Files carry their content hash and the
     * {@code lstat} fields that tell whether they changed ({@code mtimeNs}, {@code ctimeNs}, {@code inode}: a
     * function can set the modification time back, not the change time); links carry their target text.
     *
     * @param type {@code file}, {@code dir} or {@code link}; null (format 1) means file
     * @param modified modification time in milliseconds, restored with the file
     * @param mode     permission bits of a file or folder (rwx for user, group, others), restored with it; null in
     *                 snapshots older than this field, which restore with the system's default
     */
    record Entry(String path, String type, long size, long modified, Long mtimeNs, Long ctimeNs, Long inode,
                 String sha256, String target, Integer mode) {
        static final String FILE = "file";
        static final String DIR = "dir";
        static final String LINK = "link";

        static Entry of(TreeEntry e, String sha256) {
            String type = switch (e.kind()) {
                case FILE -> FILE;
                case DIRECTORY -> DIR;
                case LINK -> LINK;
                default -> throw new IllegalArgumentException("special files are not kept: " + e.kind());
            };
            if (LINK.equals(type)) {
                // A link's own mode means nothing on Linux: it is kept by its target alone.
                return new Entry(e.path(), type, 0, 0, null, null, null, null, e.target(), null);
            }
            if (DIR.equals(type)) {
                // Folders are kept by name and mode: their times change with every file made in them, and would
                // put them in every snapshot's changes.
                return new Entry(e.path(), type, 0, 0, null, null, null, null, null, e.mode());
            }
            return new Entry(e.path(), type, e.size(), e.mtimeNs() / 1_000_000, e.mtimeNs(), e.ctimeNs(), e.inode(),
                    sha256, null, e.mode());
        }

        String kind() {
            return type == null ? FILE : type;
        }

        boolean isFile() {
            return FILE.equals(kind());
        }

        /**
         * Whether {@code now} is this file unchanged, judged by {@code lstat} alone. Only sound for entries last
         * changed before {@code stampNs}, the file-system time when this entry's snapshot began: a change made
         * later in the same clock tick would otherwise keep every field.
         */
        boolean unchanged(TreeEntry now, long stampNs) {
            return isFile() && now.kind() == TreeEntry.Kind.FILE && sha256 != null && mtimeNs != null
                    && size == now.size() && mtimeNs == now.mtimeNs() && ctimeNs != null && ctimeNs == now.ctimeNs()
                    && inode != null && inode == now.inode() && ctimeNs < stampNs;
        }

        Entry withMode(int newMode) {
            return new Entry(path, type, size, modified, mtimeNs, ctimeNs, inode, sha256, target, newMode);
        }

        /** The permission bits to restore, masked again (a manifest is not trusted); null when not recorded. */
        Integer permissions() {
            return mode == null ? null : mode & TreeEntry.PERMISSIONS;
        }

        /** Whether restoring this entry over {@code now} must set its mode (unknown modes are left alone). */
        boolean modeDiffers(Entry now) {
            return permissions() != null && (now == null || !permissions().equals(now.permissions()));
        }

        /** Same thing in the folder (type, content or target), whatever the times and the mode. */
        boolean sameContent(Entry other) {
            return other != null && kind().equals(other.kind()) && java.util.Objects.equals(sha256, other.sha256)
                    && java.util.Objects.equals(target, other.target);
        }
    }

    boolean legacy() {
        return format == null;
    }

    Snapshot summary() {
        if (legacy()) {
            List<Entry> all = files == null ? List.of() : files;
            return new Snapshot(id, time, callId, label, all.size(), all.stream().mapToLong(Entry::size).sum());
        }
        return new Snapshot(id, time, callId, label, fileCount == null ? 0 : fileCount, byteCount == null ? 0 : byteCount);
    }
}
