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

/** Finding the interpreter: a real python3, one behind a launcher that is asked once per run, and one that never answers. */
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
    void aLauncherIsAskedOnceAndItsInterpreterIsStartedFromThenOn() throws Exception {
        // A launcher script like a pyenv shim: it notes each start and hands on to the real python3.
        Path starts = dir.resolve("starts");
        Path launcher = dir.resolve("python-launcher");
        Files.writeString(launcher, "#!/bin/sh\necho started >> '" + starts + "'\nexec python3 \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));

        assertEquals(launcher.toString(), PythonInstallation.executableOf(launcher.toString()),
                "not asked yet: the command itself, and nothing started");
        assertTrue(Files.notExists(starts));

        PythonInstallation first = PythonInstallation.of(launcher.toString());
        PythonInstallation second = PythonInstallation.of(launcher.toString());
        String analyzerPython = PythonInstallation.executableOf(launcher.toString());

        assertEquals(1, Files.readAllLines(starts).size(), "the launcher ran once");
        assertEquals(first, second);
        assertEquals(first.executable().toString(), analyzerPython);
        assertTrue(!first.executable().equals(launcher) && Files.isExecutable(first.executable()),
                "the interpreter it leads to: " + first.executable());
    }

    @Test
    @Timeout(30)
    void aPythonThatNeverAnswersIsGivenUpWithASentence() throws Exception {
        Path hung = dir.resolve("python3");
        Files.writeString(hung, "#!/bin/sh\nexec sleep 60\n");
        Files.setPosixFilePermissions(hung, PosixFilePermissions.fromString("rwx------"));
        SandboxException e = assertThrows(SandboxException.class,
                () -> PythonInstallation.find(hung.toString(), Duration.ofSeconds(1)));
        assertEquals("Python (" + hung + ") did not answer within 1 second. Check that `" + hung + " --version` answers"
                + " in a terminal, then restart Toolsmith.", e.getMessage());
    }
}
