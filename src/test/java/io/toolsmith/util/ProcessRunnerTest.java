package io.toolsmith.util;

import static io.toolsmith.testing.LinuxProcesses.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.testing.TestPython;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Real children (python3, sh, sleep): the timeout must fire on a child that hangs with its pipes open. */
class ProcessRunnerTest {

    @Test
    void aHungChildTimesOutAndIsEnded() throws Exception {
        ProcessRunner.Result result = new ProcessRunner(TestPython.executable(), "-S", "-c", "import time; time.sleep(60)")
                .timeout(Duration.ofMillis(500)).run();

        assertTrue(result.timedOut());
        assertFalse(result.succeeded());
        assertEquals(-1, result.exitCode());
    }

    @Test
    void aChildThatWritesThenHangsTimesOutWithTheOutputSoFar() throws Exception {
        // the old pattern (read all output, then wait) blocked here for the full minute
        // sh, not python3: it writes its line within milliseconds of starting, long before the timeout, even on a
        // busy machine
        ProcessRunner.Result result = new ProcessRunner("sh", "-c", "echo started; exec sleep 60")
                .timeout(Duration.ofSeconds(1)).run();

        assertTrue(result.timedOut());
        assertEquals("started\n", result.stdout());
    }

    @Test
    void theWholeProcessTreeIsEndedOnTimeout() throws Exception {
        // sh starts a sleeping grandchild that holds stdout open and prints its pid
        ProcessRunner.Result result = new ProcessRunner("sh", "-c", "sleep 60 & echo $!; wait")
                .timeout(Duration.ofSeconds(1)).run();

        assertTrue(result.timedOut());
        long grandchild = Long.parseLong(result.stdout().strip());
        assertFalse(running(grandchild), "the grandchild " + grandchild + " is still running");
    }

    @Test
    void outputBeyondTheCapIsDroppedWithoutBlockingTheChild() throws Exception {
        ProcessRunner.Result result = new ProcessRunner(TestPython.executable(), "-S", "-c",
                "import sys; sys.stdout.write('x' * 1000000); sys.stderr.write('y' * 1000000)")
                .outputCap(1000).timeout(Duration.ofSeconds(30)).run();

        assertTrue(result.succeeded());
        assertEquals("x".repeat(1000), result.stdout());
        assertEquals("y".repeat(1000), result.stderr());
    }

    @Test
    void inputReachesTheChildAndExitCodesAndStreamsComeBack() throws Exception {
        ProcessRunner.Result result = new ProcessRunner(TestPython.executable(), "-S", "-c",
                "import sys; print(sys.stdin.read().upper()); print('warned', file=sys.stderr); sys.exit(3)")
                .input("abc").timeout(Duration.ofSeconds(30)).run();

        assertFalse(result.timedOut());
        assertEquals(3, result.exitCode());
        assertEquals("ABC\n", result.stdout());
        assertEquals("warned\n", result.stderr());
    }

    @Test
    void mergedErrorsArriveInStdout() throws Exception {
        ProcessRunner.Result result = new ProcessRunner(TestPython.executable(), "-S", "-c",
                "import sys; print('out', flush=True); print('err', file=sys.stderr, flush=True)")
                .mergeErrors().timeout(Duration.ofSeconds(30)).run();

        assertEquals("out\nerr\n", result.stdout());
        assertEquals("", result.stderr());
    }

    @Test
    void aCommandThatDoesNotExistFailsToStart() {
        assertThrows(IOException.class, () -> new ProcessRunner("no-such-command-toolsmith").run());
    }
}
