package io.toolsmith.sandbox;

import static io.toolsmith.sandbox.LocalSandboxTest.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.util.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without usable bubblewrap the sandbox still runs functions, and says plainly that they are not isolated. */
class UnisolatedFallbackTest {
    @TempDir
    Path dir;

    @Test
    void withoutBubblewrapFunctionsRunAndIsolationSaysNone() throws Exception {
        try (LocalSandbox sandbox = LocalSandbox.open(SandboxSettings.defaults(), dir.resolve("data"),
                dir.resolve("work"), () -> null)) {
            Isolation isolation = sandbox.isolation();
            assertEquals(new Isolation("local", "none", false, "isolation: none — bubblewrap was not found (install"
                    + " the bubblewrap package); functions can read and write your files"), isolation);
            sandbox.define("files", "import os\ndef save():\n    with open(os.path.expanduser('~/data/a.txt'), 'w')"
                    + " as f:\n        f.write('plain')\n    print('saved')\n    return os.environ.get('HOME')\n", false);
            CallOutcome outcome = sandbox.call("1", "files", "save", args(), Cancellation.none());
            assertTrue(outcome.ok(), () -> String.valueOf(outcome.error()));
            assertEquals("saved\n", outcome.output());
            assertEquals("plain", Files.readString(dir.resolve("data/a.txt")));
        }
    }

    @Test
    void aBubblewrapThatCannotCreateNamespacesFallsBackWithItsReason() throws Exception {
        Path fake = dir.resolve("bwrap");
        Files.writeString(fake, "#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (LocalSandbox sandbox = LocalSandbox.open(SandboxSettings.defaults(), dir.resolve("data"),
                dir.resolve("work"), () -> fake)) {
            Isolation isolation = sandbox.isolation();
            assertFalse(isolation.isolated());
            assertEquals("none", isolation.level());
            assertTrue(isolation.description().contains("bwrap: No permissions to create new namespace"),
                    isolation.description());
            sandbox.define("tool", "def v():\n    return 5\n", false);
            assertEquals(5, sandbox.call("1", "tool", "v", args(), Cancellation.none()).result().asInt());
        }
    }
    @Test
    void withoutBubblewrapProcessesACallLeftAreKilledToo() throws Exception {
        try (LocalSandbox sandbox = LocalSandbox.open(SandboxSettings.defaults(), dir.resolve("data"),
                dir.resolve("work"), () -> null)) {
            sandbox.define("spawner", String.join("\n",
                    "import os, subprocess, sys",
                    "FIFO = os.path.expanduser('~/data/fifo')",
                    "def start():",
                    "    os.mkfifo(FIFO)",
                    "    if os.fork() == 0:",
                    "        os.setsid()",
                    "        subprocess.Popen([sys.executable, '-c', 'open(%r).read()' % FIFO], start_new_session=True)",
                    "        os._exit(0)",
                    "    os.wait()",
                    "    return 'started'",
                    "def reader_alive():",
                    "    try:",
                    "        os.close(os.open(FIFO, os.O_WRONLY | os.O_NONBLOCK))",
                    "    except OSError as e:",
                    "        return e.strerror",
                    "    return 'a reader is alive'",
                    ""), false);
            assertEquals("started", sandbox.call("1", "spawner", "start", args(), Cancellation.none()).result()
                    .asText());
            assertEquals("No such device or address", sandbox.call("2", "spawner", "reader_alive", args(),
                    Cancellation.none()).result().asText());
        }
    }
}
