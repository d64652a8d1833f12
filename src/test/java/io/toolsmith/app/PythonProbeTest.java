package io.toolsmith.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonProbeTest {
    @TempDir
    Path dir;

    @Test
    void theRealPython3AnswersWithItsVersion() {
        Optional<String> version = PythonProbe.probe("python3");

        assertTrue(version.isPresent() && version.get().startsWith("Python 3."), version.toString());
    }

    @Test
    void anInterpreterThatHangsIsGivenUpOnAtTheTimeout() throws Exception {
        // prints nothing and keeps its output open, as a wedged interpreter would
        Path hung = dir.resolve("python3");
        Files.writeString(hung, "#!/bin/sh\nexec python3 -c 'import time; time.sleep(60)'\n");
        Files.setPosixFilePermissions(hung, PosixFilePermissions.fromString("rwx------"));

        assertEquals(Optional.empty(), PythonProbe.probe(hung.toString(), Duration.ofMillis(500)));
        assertFalse(PythonProbe.missing(hung.toString(), Duration.ofMillis(500)),
                "too slow to answer is not missing: the user is not sent to install it");
    }

    @Test
    void somethingThatIsNotPython3IsNotTakenForIt() {
        assertEquals(Optional.empty(), PythonProbe.probe("true"));
        assertEquals(Optional.empty(), PythonProbe.probe("no-such-python-toolsmith"));
        assertTrue(PythonProbe.missing("true"));
        assertTrue(PythonProbe.missing("no-such-python-toolsmith"));
        assertFalse(PythonProbe.missing("python3"));
    }
}
