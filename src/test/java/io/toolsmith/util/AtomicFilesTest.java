package io.toolsmith.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesContentsAndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("chat.json");
        AtomicFiles.writeString(file, "first");
        AtomicFiles.writeString(file, "second");
        assertEquals("second", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the target file remains");
        }
    }

    /**
     * A writer process killed at an arbitrary moment must leave either the old or the new version,
     * never a torn file: the kill lands while megabytes are being written in a loop.
     */
    @Test
    void aWriterKilledMidWriteLeavesACompleteVersion() throws Exception {
        Path file = dir.resolve("big.txt");
        for (int attempt = 0; attempt < 3; attempt++) {
            Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), AtomicWriterProcess.class.getName(), file.toString())
                    .redirectErrorStream(true).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(file) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(100 + attempt * 70L);
            writer.destroyForcibly().waitFor();
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertTrue(AtomicWriterProcess.isComplete(text), "file torn after a kill (length " + text.length() + ")");
        }
    }
}
