package io.toolsmith.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JVM options every launcher of the app uses, read from {@code /io/toolsmith/jvm.options}
 * (one option a line, {@code #} comments). The benchmark starts the window it measures with them,
 * so its figures are those of the app as launched.
 */
public final class JvmOptions {
    public static final String RESOURCE = "/io/toolsmith/jvm.options";

    private JvmOptions() {
    }

    public static List<String> launcher() {
        try (InputStream in = JvmOptions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The class data sharing option the {@code ./toolsmith} script gives a window it starts from
     * {@code jar}: use the archive next to the jar when it is newer than the jar, else write it
     * when this JVM exits.
     */
    public static String classDataSharing(Path jar) {
        String name = jar.getFileName().toString();
        Path archive = jar.resolveSibling(name.replaceFirst("\\.jar$", "") + ".jsa");
        try {
            if (Files.isRegularFile(archive)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0) {
                return "-XX:SharedArchiveFile=" + archive;
            }
        } catch (IOException e) {
            return "-Xshare:auto";
        }
        return "-XX:ArchiveClassesAtExit=" + archive;
    }

    static List<String> parse(List<String> lines) {
        return lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
}
