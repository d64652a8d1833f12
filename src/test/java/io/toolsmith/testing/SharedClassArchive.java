package io.toolsmith.testing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;

/**
 * A class data sharing archive for the JVMs the tests start ({@code toolsmith mcp} for the MCP tests, a second
 * Toolsmith for the lock tests). Such a JVM spends most of its start loading and verifying classes (the MCP SDK,
 * Jackson, Reactor); mapped from an archive, they cost it about half the processor time. JDK 17 archives classes from
 * jar files only, so the class folders of the test class path ({@code target/classes}, {@code target/test-classes})
 * are first copied into jars, and the archive is written by one JVM that starts {@code toolsmith mcp} and lists its
 * tools. Both are made once for a given content of those folders, under a lock the parallel test JVMs share, in
 * {@code target/test-jvm}. Where the archive cannot be made (a JDK without its base archive), the JVMs start without
 * it from the same jars.
 */
final class SharedClassArchive {
    private static final String WARM_UP_INPUT = String.join("\n",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"archive\",\"version\":\"1\"}}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}", "");
    private static List<String> options;
    /** An archive's folder is named by the fingerprint of what it holds: this many bytes of a digest, in hex. */
    private static final int KEY_BYTES = 8;
    private static final String KEY_PATTERN = "[0-9a-f]{" + 2 * KEY_BYTES + "}";

    private SharedClassArchive() {
    }

    /** The class path and sharing options for a test's JVM, made on first use. */
    static synchronized List<String> options(String java, List<String> jvmOptions) {
        if (options == null) {
            options = make(java, jvmOptions);
        }
        return options;
    }

    private static List<String> make(String java, List<String> jvmOptions) {
        List<Path> entries = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.isEmpty()).map(e -> Path.of(e).toAbsolutePath()).toList();
        List<Path> folders = entries.stream().filter(Files::isDirectory).toList();
        if (folders.isEmpty()) {
            return List.of("-cp", System.getProperty("java.class.path"));
        }
        try {
            Path root = folders.get(0).getParent().resolve("test-jvm");
            Files.createDirectories(root);
            String key = fingerprint(java, entries, folders);
            Path dir = root.resolve(key);
            try (FileChannel lockFile = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                List<String> classPath = new ArrayList<>();
                for (int i = 0; i < entries.size(); i++) {
                    Path entry = entries.get(i);
                    classPath.add(Files.isDirectory(entry) ? dir.resolve("classes-" + i + ".jar").toString()
                            : entry.toString());
                }
                String joined = String.join(File.pathSeparator, classPath);
                Path archive = dir.resolve("classes.jsa");
                Path failed = dir.resolve("no-archive");
                if (!Files.exists(archive) && !Files.exists(failed)) {
                    removeOthers(root, key);
                    Files.createDirectories(dir);
                    for (int i = 0; i < entries.size(); i++) {
                        if (Files.isDirectory(entries.get(i))) {
                            writeJar(entries.get(i), dir.resolve("classes-" + i + ".jar"));
                        }
                    }
                    if (!dump(java, jvmOptions, joined, archive)) {
                        Files.writeString(failed, "the archive could not be written\n");
                    }
                }
                List<String> result = new ArrayList<>();
                if (Files.exists(archive)) {
                    // an archive that does not match is left unused with a warning: on stderr, never in a child's
                    // stdout, which is the MCP channel
                    result.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:disable",
                            "-Xlog:all=warning:stderr"));
                }
                result.addAll(List.of("-cp", joined));
                return List.copyOf(result);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the test JVMs' class archive could not be made", e);
        }
    }

    /** Runs {@code toolsmith mcp} on an empty home through a tool listing, writing the archive when it exits. */
    private static boolean dump(String java, List<String> jvmOptions, String classPath, Path archive) throws IOException {
        Path home = Files.createTempDirectory("toolsmith-archive-home");
        Path written = archive.resolveSibling(archive.getFileName() + ".part");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + written, "-Xlog:disable", "-cp", classPath,
                "io.toolsmith.Main", "--home", home.toString(), "mcp"));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(WARM_UP_INPUT.getBytes(StandardCharsets.UTF_8));
        }
        try {
            boolean ended = process.waitFor(120, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor();
            }
            if (!ended || process.exitValue() != 0 || !Files.isRegularFile(written) || Files.size(written) == 0) {
                Files.deleteIfExists(written);
                return false;
            }
            Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        } finally {
            TemplateFolder.delete(home);
        }
    }

    /** A name for what the archive depends on: the JDK, the class path, and each class folder's files. */
    private static String fingerprint(String java, List<Path> entries, List<Path> folders) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        digest.update((java + "\n" + System.getProperty("java.vm.version") + "\n" + entries).getBytes(
                StandardCharsets.UTF_8));
        for (Path folder : folders) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    digest.update((folder.relativize(file) + " " + Files.size(file) + " "
                            + Files.getLastModifiedTime(file).toMillis() + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest(), 0, KEY_BYTES);
    }

    /** Copies a class folder into a jar, uncompressed: it is read once, to write the archive. */
    private static void writeJar(Path folder, Path jar) throws IOException {
        Path part = jar.resolveSibling(jar.getFileName() + ".part");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(part));
                Stream<Path> files = Files.walk(folder)) {
            out.setLevel(Deflater.NO_COMPRESSION);
            for (Path file : files.sorted().toList()) {
                if (file.equals(folder)) {
                    continue;
                }
                String name = folder.relativize(file).toString().replace(File.separatorChar, '/');
                if (Files.isDirectory(file)) {
                    out.putNextEntry(new ZipEntry(name + "/"));
                } else {
                    out.putNextEntry(new ZipEntry(name));
                    Files.copy(file, out);
                }
                out.closeEntry();
            }
        }
        Files.move(part, jar, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Earlier builds' jars and archives, which no JVM of this build uses. */
    /**
     * Removes the archives made for earlier contents of the class folders. Only archives: {@code templates} beside
     * them belongs to {@link TemplateFolder}, and another test JVM may be copying from it right now.
     */
    private static void removeOthers(Path root, String key) throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .filter(name -> name.matches(KEY_PATTERN) && !name.equals(key))
                    .forEach(name -> TemplateFolder.delete(root.resolve(name)));
        }
    }
}
