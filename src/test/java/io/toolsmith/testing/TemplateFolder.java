package io.toolsmith.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A folder prepared once per test JVM (a home, a library) and copied into each test's own folder, for set-up that
 * costs Python or sandbox starts and that tests would otherwise repeat. Removed when the JVM ends.
 */
public final class TemplateFolder {
    private TemplateFolder() {
    }

    public static Path create(String name) throws IOException {
        Path folder = Files.createTempDirectory("toolsmith-template-" + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder)));
        return folder;
    }

    /** Copies {@code template} into {@code target}, which may exist, keeping file times (snapshots compare them). */
    public static void copy(Path template, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(template)) {
            for (Path from : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(template.relativize(from).toString());
                if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    /** Deletes {@code folder} and everything in it. */
    static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
