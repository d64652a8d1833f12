package io.toolsmith.data;

/**
 * One entry of the data folder as {@code lstat} saw it, never through a link.
 *
 * @param path   exact names joined by '/' (see {@link DataNames})
 * @param size   bytes of a regular file; 0 for the others
 * @param target what a link points to, as text (never followed); null for the others
 * @param nlink  how many names the entry has: a file with more than one can change through another name
 * @param mode   its permission bits, read, write and execute for user, group and others only (never setuid,
 *               setgid or sticky: a restore must not hand out more than those)
 */
public record TreeEntry(String path, Kind kind, long size, long mtimeNs, long ctimeNs, long inode, String target,
                        long nlink, int mode) {
    /** The bits a restore may set again. */
    public static final int PERMISSIONS = 0777;

    public TreeEntry {
        mode &= PERMISSIONS;
    }

    public TreeEntry(String path, Kind kind, long size, long mtimeNs, long ctimeNs, long inode, String target) {
        this(path, kind, size, mtimeNs, ctimeNs, inode, target, 1, kind == Kind.DIRECTORY ? 0755 : 0644);
    }

    /** A regular file that also has another name (a hard link), where its changes may be reported instead. */
    public boolean sharedFile() {
        return kind == Kind.FILE && nlink > 1;
    }

    public enum Kind {
        FILE("file"), DIRECTORY("folder"), LINK("link"), FIFO("named pipe"), SOCKET("socket"), DEVICE("device"),
        OTHER("special file");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        /** How the kind reads in a sentence ("a named pipe"). */
        public String words() {
            return words;
        }

        /** Pipes, sockets and devices: never opened, never copied, never snapshotted. */
        public boolean special() {
            return this != FILE && this != DIRECTORY && this != LINK;
        }

        static Kind ofMode(int mode) {
            return switch (mode & 0170000) {
                case 0100000 -> FILE;
                case 0040000 -> DIRECTORY;
                case 0120000 -> LINK;
                case 0010000 -> FIFO;
                case 0140000 -> SOCKET;
                case 0020000, 0060000 -> DEVICE;
                default -> OTHER;
            };
        }
    }

    public String displayPath() {
        return DataNames.display(path);
    }

    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
