package io.toolsmith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jar the build ships (target/toolsmith.jar, after shading) holds the product: no headless platform, no test
 * classes, no test libraries. Runs after the package phase.
 */
class ProductJarIT {
    private static Path jar;
    private static Set<String> entries;

    @BeforeAll
    static void readJar() throws IOException {
        jar = Path.of(System.getProperty("toolsmith.jar", "target/toolsmith.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " was not built");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            entries = zip.stream().map(ZipEntry::getName).collect(Collectors.toSet());
        }
    }

    @Test
    void holdsTheAppAndTheWindowBenchmarkService() {
        assertTrue(entries.contains("io/toolsmith/Main.class"));
        assertTrue(entries.contains("io/toolsmith/ui/bench/UiBenchmark.class"));
        assertTrue(entries.contains("META-INF/services/io.toolsmith.cli.WindowBenchmark"));
    }

    @Test
    void hasNoHeadlessPlatformAndNoTestLibraries() {
        List<String> strays = entries.stream().filter(e -> e.startsWith("com/sun/glass/ui/monocle/")
                || e.startsWith("org/testfx/") || e.startsWith("org/junit/") || e.startsWith("com/tngtech/archunit/")
                || e.startsWith("okhttp3/mockwebserver/")).sorted().limit(5).toList();
        assertEquals(List.of(), strays);
    }

    @Test
    void hasNoTestClasses() throws IOException {
        Path testClasses = Path.of(System.getProperty("toolsmith.testClasses", "target/test-classes"));
        assertTrue(Files.isDirectory(testClasses), testClasses + " was not built");
        try (Stream<Path> files = Files.walk(testClasses)) {
            List<String> inJar = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> testClasses.relativize(f).toString().replace('\\', '/'))
                    .filter(entries::contains).sorted().limit(5).toList();
            assertEquals(List.of(), inJar);
        }
    }

    /** Shading into the file the jar step had just written once left empty class files in it. */
    @Test
    void everyClassOfTheAppIsWhole() throws IOException {
        List<String> broken = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (entry.getName().startsWith("io/toolsmith/") && entry.getName().endsWith(".class")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        byte[] head = in.readNBytes(4);
                        if (head.length < 4 || (head[0] & 0xff) != 0xca || (head[1] & 0xff) != 0xfe
                                || (head[2] & 0xff) != 0xba || (head[3] & 0xff) != 0xbe) {
                            broken.add(entry.getName());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void startsAndLoadsEveryClassOfTheApp() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            List<String> unloadable = new ArrayList<>();
            for (String entry : entries) {
                if (entry.startsWith("io/toolsmith/") && entry.endsWith(".class")) {
                    String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
                    try {
                        Class.forName(name, false, loader);
                    } catch (ClassNotFoundException | LinkageError e) {
                        unloadable.add(name + ": " + e);
                    }
                }
            }
            assertEquals(List.of(), unloadable.stream().sorted().limit(5).toList());
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process help = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "--help")
                .redirectErrorStream(true).start();
        String out = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(help.waitFor(2, TimeUnit.MINUTES), "toolsmith --help did not end");
        assertEquals(0, help.exitValue(), out);
        assertTrue(out.contains("Usage"), out);
    }
}
