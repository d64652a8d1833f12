package io.toolsmith.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.testing.TestJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
            Process writer = new ProcessBuilder(TestJvm.command(AtomicWriterProcess.class.getName(), file.toString()))
                    .redirectErrorStream(true).start();
            // killed while the version after the (attempt + 1)th is being written
            BufferedReader said = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
            int written = 0;
            while (written <= attempt) {
                String line = said.readLine();
                assertNotNull(line, "the writer ended before it wrote a version");
                if (line.startsWith("written ")) {
                    written++;
                }
            }
            writer.destroyForcibly().waitFor();
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertTrue(AtomicWriterProcess.isComplete(text), "file torn after a kill (length " + text.length() + ")");
        }
    }
}
