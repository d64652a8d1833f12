package io.toolsmith.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Finding the interpreter: a real python3, and one that never answers. */
class PythonInstallationTest {
    @TempDir
    Path dir;

    @Test
    void aRealPythonIsFoundWithItsVersion() throws Exception {
        PythonInstallation python = PythonInstallation.find("python3");
        assertTrue(python.version().startsWith("3."), python.version());
        assertTrue(Files.isExecutable(python.executable()), python.executable().toString());
    }

    @Test
    @Timeout(30)
    void aPythonThatNeverAnswersIsGivenUpWithASentence() throws Exception {
        Path hung = dir.resolve("python3");
        Files.writeString(hung, "#!/bin/sh\nexec sleep 60\n");
        Files.setPosixFilePermissions(hung, PosixFilePermissions.fromString("rwx------"));
        SandboxException e = assertThrows(SandboxException.class,
                () -> PythonInstallation.find(hung.toString(), Duration.ofSeconds(1)));
        assertEquals("Python (" + hung + ") did not answer within 1 second. Check the Python setting.", e.getMessage());
    }
}
