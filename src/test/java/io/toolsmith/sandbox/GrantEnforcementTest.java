package io.toolsmith.sandbox;

import static io.toolsmith.sandbox.LocalSandboxTest.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call gets what its grant says and no more, with real bwrap and python3: without writing, the data folder is
 * read-only even for a write the analyzer could not see; without processes, nothing can be started while threads
 * still work. The same module runs in the worker of each grant.
 */
class GrantEnforcementTest {
    static final Grant READ_ONLY = new Grant(false, false, false);
    static final Grant WRITER = new Grant(true, false, false);
    static final Grant PROCESSES = new Grant(false, false, true);

    /** A write that names neither open nor a mode anywhere the checks look. */
    static final String CODE = "import builtins\n"
            + "def disguised(name):\n"
            + "    getattr(builtins, 'op' + 'en')(builtins.__dict__['__import__']('os').path.expanduser('~/data/' + name), 'w').write('x')\n"
            + "    return 'written'\n"
            + "def count():\n"
            + "    import os\n"
            + "    return len(os.listdir(os.path.expanduser('~/data')))\n"
            + "def spawn():\n"
            + "    import subprocess\n"
            + "    return subprocess.run(['/bin/sh', '-c', 'echo started'], capture_output=True, text=True).stdout\n"
            + "def fork():\n"
            + "    import os\n"
            + "    pid = os.fork()\n"
            + "    if pid == 0:\n"
            + "        os._exit(0)\n"
            + "    os.waitpid(pid, 0)\n"
            + "    return 'forked'\n"
            + "def threads():\n"
            + "    import threading\n"
            + "    out = []\n"
            + "    workers = [threading.Thread(target=out.append, args=(i,)) for i in range(4)]\n"
            + "    for w in workers:\n"
            + "        w.start()\n"
            + "    for w in workers:\n"
            + "        w.join()\n"
            + "    return sorted(out)\n";

    @TempDir
    Path dir;
    Path data;
    LocalSandbox sandbox;

    @BeforeAll
    static void requireBubblewrap() {
        boolean installed = false;
        for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
            installed |= Files.isExecutable(Path.of(p, "bwrap"));
        }
        assumeTrue(installed, "bubblewrap (bwrap) is not installed; install the bubblewrap package to run these tests");
    }

    @BeforeEach
    void open() throws Exception {
        data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("keep.txt"), "precious");
        sandbox = LocalSandbox.open(SandboxSettings.defaults().withTimeout(Duration.ofSeconds(10)), data,
                dir.resolve("work"));
        assertEquals("bubblewrap", sandbox.isolation().level(), sandbox.isolation().description());
        sandbox.define("effects", CODE, false);
    }

    @AfterEach
    void close() {
        sandbox.close();
    }

    CallOutcome call(String function, ObjectNode arguments, Grant grant) throws SandboxException {
        return sandbox.call("c1", "effects", function, arguments, grant, Cancellation.none());
    }

    @Test
    void aDisguisedWriteFailsWithASentenceAndLeavesTheDataFolderAsItWas() throws Exception {
        CallOutcome outcome = call("disguised", args("name", "planted.txt"), READ_ONLY);

        assertFalse(outcome.ok(), "a call not granted writing wrote: " + outcome.result());
        assertEquals("OSError", outcome.error().name(), outcome.error().toString());
        assertTrue(outcome.error().message().contains("not approved to write data"), outcome.error().message());
        assertTrue(outcome.error().message().contains("nothing was changed"), outcome.error().message());
        assertFalse(Files.exists(data.resolve("planted.txt")));
        assertEquals("precious", Files.readString(data.resolve("keep.txt")));
        assertEquals(1, call("count", args(), READ_ONLY).result().asInt(), "reading still works");
    }

    @Test
    void theSameCodeWritesWhenTheGrantAllowsIt() throws Exception {
        CallOutcome outcome = call("disguised", args("name", "written.txt"), WRITER);

        assertTrue(outcome.ok(), () -> outcome.error().toString());
        assertEquals("x", Files.readString(data.resolve("written.txt")));
        assertFalse(call("disguised", args("name", "again.txt"), READ_ONLY).ok(),
                "the read-only worker is still read-only after the writer ran");
        assertFalse(Files.exists(data.resolve("again.txt")));
    }

    @Test
    void withoutProcessesNothingCanBeStartedButThreadsWork() throws Exception {
        CallOutcome spawn = call("spawn", args(), READ_ONLY);
        assertFalse(spawn.ok(), "started a process: " + spawn.result());
        assertEquals("PermissionError", spawn.error().name(), spawn.error().toString());
        assertTrue(spawn.error().message().contains("not approved to start processes"), spawn.error().message());

        CallOutcome fork = call("fork", args(), READ_ONLY);
        assertFalse(fork.ok(), "forked: " + fork.result());
        assertEquals("PermissionError", fork.error().name(), fork.error().toString());

        CallOutcome threads = call("threads", args(), READ_ONLY);
        assertTrue(threads.ok(), () -> threads.error().toString());
        assertEquals("[0,1,2,3]", threads.result().toString());
    }

    @Test
    void withProcessesAProgramRuns() throws Exception {
        CallOutcome spawn = call("spawn", args(), PROCESSES);
        assertTrue(spawn.ok(), () -> spawn.error().toString());
        assertEquals("started\n", spawn.result().asText());
        assertEquals("forked", call("fork", args(), PROCESSES).result().asText());
    }

    @Test
    void aModuleDefinedLaterReachesWorkersThatAreAlreadyRunning() throws Exception {
        assertEquals(1, call("count", args(), READ_ONLY).result().asInt());
        sandbox.define("later", "def hello():\n    return 'hi'\n", false);
        CallOutcome outcome = sandbox.call("c2", "later", "hello", args(), READ_ONLY, Cancellation.none());
        assertTrue(outcome.ok(), () -> outcome.error().toString());
        assertEquals("hi", outcome.result().asText());
    }
}
