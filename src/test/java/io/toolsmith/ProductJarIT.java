package io.toolsmith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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
    private static Set<String> entries;

    @BeforeAll
    static void readJar() throws IOException {
        Path jar = Path.of(System.getProperty("toolsmith.jar", "target/toolsmith.jar"));
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
}
