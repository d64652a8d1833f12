package io.toolsmith.data;

import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Files the user names (a file attached to a message, a picture, the source of an import, {@code inspect}'s
 * argument). The user's own files are read as given, links of theirs included, but never a pipe, socket or device
 * (opening a pipe waits for a writer) and never more than the size seen. A file in the data folder is not the
 * user's: the functions made it, and it may be a link to a host file (attaching it would send that file to the
 * model) or a pipe; it is read through {@link DataTree} instead, which follows no link and opens nothing special.
 */
public final class UserFiles {
    private UserFiles() {
    }

    /**
     * The path inside {@code dataFolder} that {@code file} names, when it is there: by its path as given, or by the
     * real folder that holds it (a link of the user's that leads into the data folder). Empty for any other file.
     */
    public static Optional<String> inDataFolder(Path file, Path dataFolder) {
        if (dataFolder == null) {
            return Optional.empty();
        }
        Path data = dataFolder.toAbsolutePath().normalize();
        Path target = file.toAbsolutePath().normalize();
        Optional<String> inside = relative(data, target);
        if (inside.isPresent() || !Files.isDirectory(data)) {
            return inside;
        }
        try {
            Path real = data.toRealPath();
            inside = relative(real, target);
            if (inside.isPresent() || target.getParent() == null || target.getFileName() == null
                    || !Files.isDirectory(target.getParent())) {
                return inside;
            }
            return relative(real, target.getParent().toRealPath().resolve(target.getFileName().toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> relative(Path folder, Path target) {
        if (!target.startsWith(folder) || target.equals(folder)) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        folder.relativize(target).forEach(name -> names.add(name.toString()));
        return Optional.of(String.join("/", names));
    }

    /**
     * The bytes of {@code file}, at most {@code maxBytes}; a larger file is refused with {@code tooLarge}'s sentence
     * (given the size). A file in {@code dataFolder} (may be null) is read as {@link DataTree#read} reads it.
     */
    public static byte[] read(Path file, Path dataFolder, long maxBytes, LongFunction<String> tooLarge)
            throws IOException, UserFacingException {
        Optional<String> inside = inDataFolder(file, dataFolder);
        if (inside.isPresent()) {
            DataTree tree = new DataTree(dataFolder);
            try (FileChannel channel = tree.open(inside.get())) {
                return readAtMost(channel, maxBytes, tooLarge);
            }
        }
        try (FileChannel channel = openOwn(file)) {
            return readAtMost(channel, maxBytes, tooLarge);
        }
    }

    /**
     * Opens the user's own file {@code file} (not in the data folder) for reading: links of theirs are followed,
     * but it must be a regular file, checked before the open so that a pipe is never opened.
     */
    public static FileChannel openOwn(Path file) throws IOException, UserFacingException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new UserFacingException(name(file) + " does not exist; check the name and try again.", e);
        }
        if (!attributes.isRegularFile()) {
            throw new UserFacingException(name(file) + (attributes.isDirectory() ? " is a folder, not a file"
                    : " is not a regular file but a named pipe, a socket or a device, which Toolsmith never opens")
                    + "; choose a file.");
        }
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    private static byte[] readAtMost(FileChannel channel, long maxBytes, LongFunction<String> tooLarge)
            throws IOException, UserFacingException {
        long size = channel.size();
        if (size > maxBytes || size > Integer.MAX_VALUE - 16) {
            throw new UserFacingException(tooLarge.apply(size));
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // at most the size seen when opened: a file that grows meanwhile is cut there
        }
        return buffer.position() == buffer.capacity() ? buffer.array()
                : java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static String name(Path file) {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }
}
