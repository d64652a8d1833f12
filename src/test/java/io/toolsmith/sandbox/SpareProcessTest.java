package io.toolsmith.sandbox;

import static io.toolsmith.sandbox.LocalSandboxTest.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker forks the process for the next call while it waits (real python3, under bubblewrap when
 * installed). That process must run the code defined after it was forked, and no call may reach it: it is
 * forked only after the previous call's processes were killed, and there is none while a call runs.
 */
class SpareProcessTest {
    /** The worker's children as a call sees them, and the same without the call's own process. */
    private static final String SIBLINGS = String.join("\n",
            "import os",
            "def workers_children():",
            "    worker = os.getppid()",
            "    found = []",
            "    for entry in os.listdir('/proc'):",
            "        if entry.isdigit():",
            "            try:",
            "                with open('/proc/%s/stat' % entry) as f:",
            "                    fields = f.read().rsplit(')', 1)[1].split()",
            "            except OSError:",
            "                continue",
            "            if int(fields[1]) == worker:",
            "                found.append(int(entry))",
            "    return found",
            "def siblings():",
            "    return [pid for pid in workers_children() if pid != os.getpid()]",
            "def look():",
            "    return {'me': os.getpid(), 'children': workers_children()}",
            "");

    @TempDir
    Path dir;
    Path data;
    LocalSandbox sandbox;

    @BeforeEach
    void open() throws SandboxException {
        data = dir.resolve("data");
        sandbox = LocalSandbox.open(SandboxSettings.defaults(), data, dir.resolve("work"));
    }

    @AfterEach
    void close() {
        sandbox.close();
    }

    CallOutcome call(String module, String function, ObjectNode arguments) throws SandboxException {
        CallOutcome outcome = sandbox.call("c", module, function, arguments, Cancellation.none());
        assertTrue(outcome.ok(), () -> String.valueOf(outcome.error()));
        return outcome;
    }

    @Test
    void aRedefinitionIsSeenByTheNextCallThoughItsProcessWasForkedBefore() throws Exception {
        sandbox.define("helper", "def word():\n    return 'old'\n", false);
        sandbox.define("greeter", "import helper\ndef greet():\n    return 'version ' + helper.word()\n", false);
        assertEquals("version old", call("greeter", "greet", args()).result().asText());

        assertTrue(sandbox.awaitSpareProcess(), "no process was waiting for the next call");
        sandbox.define("greeter", "import helper\ndef greet():\n    return 'second ' + helper.word()\n", false);
        assertEquals("second old", call("greeter", "greet", args()).result().asText());

        // A module another one imports counts too.
        assertTrue(sandbox.awaitSpareProcess());
        sandbox.define("helper", "def word():\n    return 'new'\n", false);
        assertEquals("second new", call("greeter", "greet", args()).result().asText());

        assertTrue(sandbox.awaitSpareProcess());
        sandbox.undefine("helper");
        CallOutcome without = sandbox.call("c", "greeter", "greet", args(), Cancellation.none());
        assertEquals("ModuleNotFoundError", without.error().name(), String.valueOf(without.error()));
    }

    @Test
    void noOtherProcessOfTheWorkerExistsWhileACallRuns() throws Exception {
        sandbox.define("look", SIBLINGS, false);
        for (int i = 0; i < 3; i++) {
            assertTrue(sandbox.awaitSpareProcess());
            // The call's own process is found the same way, so the search itself works.
            var seen = call("look", "look", args()).result();
            assertEquals("[" + seen.path("me").asInt() + "]", seen.path("children").toString());
        }
    }

    @Test
    void whatACallLeavesToStrikeTheNextProcessIsGoneBeforeItIsForked() throws Exception {
        // The leftover waits on a FIFO; once it gets through it kills the worker's other children and writes
        // into their /proc entries. It can only get through if it outlives its call.
        sandbox.define("ambush", SIBLINGS + String.join("\n",
                "import signal",
                "FIFO = os.path.expanduser('~/data/fifo')",
                "def strike():",
                "    for pid in siblings():",
                "        for name in ('comm', 'oom_score_adj'):",
                "            try:",
                "                with open('/proc/%d/%s' % (pid, name), 'w') as f:",
                "                    f.write('1000')",
                "            except OSError:",
                "                pass",
                "        os.kill(pid, signal.SIGKILL)",
                "    with open(os.path.expanduser('~/data/struck.txt'), 'w') as f:",
                "        f.write('struck')",
                "def lie_in_wait():",
                "    os.mkfifo(FIFO)",
                "    if os.fork() == 0:",
                "        os.setsid()",
                "        if os.fork() == 0:",
                "            open(FIFO).read()",
                "            strike()",
                "        os._exit(0)",
                "    os.wait()",
                "    return 'waiting'",
                "def reader_alive():",
                "    try:",
                "        fd = os.open(FIFO, os.O_WRONLY | os.O_NONBLOCK)",
                "    except OSError as e:",
                "        return e.strerror",
                "    os.close(fd)",
                "    return 'a reader is alive'",
                ""), false);
        sandbox.define("victim", "def answer():\n    return 42\n", false);
        assertEquals("waiting", call("ambush", "lie_in_wait", args()).result().asText());
        assertTrue(sandbox.awaitSpareProcess());
        assertEquals("No such device or address", call("ambush", "reader_alive", args()).result().asText());
        assertEquals(42, call("victim", "answer", args()).result().asInt());
        assertFalse(Files.exists(data.resolve("struck.txt")));

        // Striking from inside a call finds nothing to strike, and the next call runs as usual.
        call("ambush", "strike", args());
        assertEquals("struck", Files.readString(data.resolve("struck.txt")));
        for (int i = 0; i < 3; i++) {
            assertEquals(42, call("victim", "answer", args()).result().asInt());
        }
    }
}
