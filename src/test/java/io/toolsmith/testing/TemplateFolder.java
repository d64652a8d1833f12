package io.toolsmith.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A folder prepared once (a home, a library) and copied into each test's own folder, for set-up that costs Python or
 * sandbox starts and that tests would otherwise repeat: once per test JVM, removed when it ends ({@link #create}), or
 * once per build for all its test JVMs ({@link #sharedByTheRun}).
 */
public final class TemplateFolder {
    private TemplateFolder() {
    }

    /** The name of a test run, the same in all its test JVMs (set by the build: the time it started). */
    static final String RUN = "toolsmith.testRun";

    /** Fills a template folder. */
    public interface Filler {
        void fill(Path folder) throws Exception;
    }

    /**
     * A template made once per test run and shared by all its test JVMs, for set-up that costs seconds (a library of
     * hundreds of analysed functions): the first JVM to ask fills it while the others wait. A run is one Maven build,
     * named by the {@value #RUN} property the build gives its test JVMs; the template is kept under
     * {@code target/test-jvm/templates} by that name, and those of earlier builds are removed. Without the property
     * (a test started by an IDE) or a class folder to find {@code target} by, one per JVM.
     */
    public static synchronized Path sharedByTheRun(String name, Filler filler) throws Exception {
        String run = System.getProperty(RUN);
        Path target = targetFolder();
        if (run == null || run.isBlank() || target == null) {
            Path folder = create(name);
            filler.fill(folder);
            return folder;
        }
        Path root = target.resolve("test-jvm").resolve("templates");
        Files.createDirectories(root);
        Path folder = root.resolve("run-" + run.replaceAll("[^A-Za-z0-9]", "-")).resolve(name);
        try (FileChannel lockFile = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
            if (!Files.isDirectory(folder)) {
                try (Stream<Path> runs = Files.list(root)) {
                    for (Path other : (Iterable<Path>) runs::iterator) {
                        if (Files.isDirectory(other) && !other.equals(folder.getParent())) {
                            delete(other);
                        }
                    }
                }
                Path part = folder.resolveSibling(name + ".part");
                if (Files.exists(part)) {
                    delete(part);
                }
                Files.createDirectories(part);
                filler.fill(part);
                Files.move(part, folder, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return folder;
    }

    /** The build's target folder: the parent of the first class folder on the class path (target/test-classes). */
    private static Path targetFolder() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isDirectory(Path.of(entry))) {
                return Path.of(entry).toAbsolutePath().getParent();
            }
        }
        return null;
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
