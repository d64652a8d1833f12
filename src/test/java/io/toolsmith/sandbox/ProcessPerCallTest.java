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
 * Every call runs in a process of its own that ends with the call (real python3, under bubblewrap when
 * installed): no function can change another, nothing it starts outlives it, code run once leaves nothing,
 * and a module's top-level code runs only when one of its functions is called.
 */
class ProcessPerCallTest {
    @TempDir
    Path dir;
    Path data;
    LocalSandbox sandbox;

    @BeforeEach
    void open() throws SandboxException {
        data = dir.resolve("data");
        sandbox = LocalSandbox.open(SandboxSettings.defaults(), data, dir.resolve("work"));
        sandbox.define("victim", "import json\ndef answer():\n    return json.dumps({'n': len('abc')})\n", false);
    }

    @AfterEach
    void close() {
        sandbox.close();
    }

    CallOutcome call(String module, String function, ObjectNode arguments) throws SandboxException {
        return sandbox.call("c", module, function, arguments, Cancellation.none());
    }

    @Test
    void patchingModulesOrBuiltinsInOneCallDoesNotReachAnother() throws Exception {
        sandbox.define("attacker", String.join("\n",
                "import builtins, json, os, sys, types",
                "def patch():",
                "    builtins.len = lambda value: 666",
                "    json.dumps = lambda value: 'forged'",
                "    fake = types.ModuleType('victim')",
                "    fake.answer = lambda: 'forged'",
                "    sys.modules['victim'] = fake",
                "    with open(os.path.expanduser('~/data/patched.txt'), 'w') as f:",
                "        f.write(str(len('abc')) + ' ' + json.dumps(None) + ' ' + sys.modules['victim'].answer())",
                ""), false);
        call("attacker", "patch", args());
        // The patches took effect in the attacker's own call...
        assertEquals("666 forged forged", Files.readString(data.resolve("patched.txt")));
        // ...and nowhere else.
        assertEquals("{\"n\": 3}", call("victim", "answer", args()).result().asText());
    }

    @Test
    void aThreadStartedByACallDoesNotOutliveIt() throws Exception {
        // The thread blocks opening a FIFO for reading; while it lives, opening the FIFO for writing
        // without blocking succeeds. Once it is gone there is no reader and the open fails with ENXIO.
        sandbox.define("threads", String.join("\n",
                "import os, threading",
                "FIFO = os.path.expanduser('~/data/fifo')",
                "def start():",
                "    os.mkfifo(FIFO)",
                "    def later():",
                "        with open(FIFO) as f:",
                "            f.read()",
                "        with open(os.path.expanduser('~/data/late.txt'), 'w') as f:",
                "            f.write('still running')",
                "    threading.Thread(target=later).start()",
                "    return 'started'",
                "def reader_alive():",
                "    try:",
                "        fd = os.open(FIFO, os.O_WRONLY | os.O_NONBLOCK)",
                "    except OSError as e:",
                "        return e.strerror",
                "    os.close(fd)",
                "    return 'a reader is alive'",
                ""), false);
        assertEquals("started", call("threads", "start", args()).result().asText());
        assertEquals("No such device or address", call("threads", "reader_alive", args()).result().asText());
        assertFalse(Files.exists(data.resolve("late.txt")));
    }

    @Test
    void aProcessStartedByACallIsKilledWhenItEnds() throws Exception {
        sandbox.define("spawner", String.join("\n",
                "import os, subprocess, sys",
                "FIFO = os.path.expanduser('~/data/fifo')",
                "def start():",
                "    os.mkfifo(FIFO)",
                "    code = 'open(%r).read()' % FIFO",
                "    # A new session and a double fork: the usual ways of getting away from the caller.",
                "    if os.fork() == 0:",
                "        os.setsid()",
                "        subprocess.Popen([sys.executable, '-c', code], start_new_session=True)",
                "        os._exit(0)",
                "    os.wait()",
                "    return 'started'",
                "def reader_alive():",
                "    try:",
                "        fd = os.open(FIFO, os.O_WRONLY | os.O_NONBLOCK)",
                "    except OSError as e:",
                "        return e.strerror",
                "    os.close(fd)",
                "    return 'a reader is alive'",
                ""), false);
        assertEquals("started", call("spawner", "start", args()).result().asText());
        assertEquals("No such device or address", call("spawner", "reader_alive", args()).result().asText());
    }

    @Test
    void topLevelCodeRunsOnlyWhenAFunctionIsCalled() throws Exception {
        sandbox.define("eager", String.join("\n",
                "import os",
                "with open(os.path.expanduser('~/data/loaded.txt'), 'a') as f:",
                "    f.write('loaded ')",
                "def f():",
                "    return 'called'",
                ""), false);
        assertFalse(Files.exists(data.resolve("loaded.txt")), "top-level code ran when the module was defined");
        assertEquals("called", call("eager", "f", args()).result().asText());
        assertEquals("loaded ", Files.readString(data.resolve("loaded.txt")));
    }

    @Test
    void aLoadingErrorIsTheCallsErrorWithItsLine() throws Exception {
        sandbox.define("broken_load", "x = 1\nraise ValueError('bad top level')\ndef f():\n    return 1\n", false);
        CallOutcome outcome = call("broken_load", "f", args());
        assertEquals("ValueError", outcome.error().name());
        assertTrue(outcome.error().traceback().contains("line 2"), outcome.error().traceback());
        assertEquals("{\"n\": 3}", call("victim", "answer", args()).result().asText());
    }

    @Test
    void runOnceCodeIsNotKeptNotEvenAfterARestart() throws Exception {
        CallOutcome once = sandbox.callOnce("c", "scratch", "def f(x):\n    return x * 2\n", "f", args("x", 21),
                Cancellation.none());
        assertTrue(once.ok(), () -> String.valueOf(once.error()));
        assertEquals(42, once.result().asInt());
        assertEquals("NameError", call("scratch", "f", args("x", 1)).error().name());
        sandbox.restartWorker();
        assertEquals("NameError", call("scratch", "f", args("x", 1)).error().name());
        assertEquals("{\"n\": 3}", call("victim", "answer", args()).result().asText());
    }

    @Test
    void runOnceCodeWithASyntaxErrorNamesTheLine() throws Exception {
        CallOutcome once = sandbox.callOnce("c", "scratch", "x = 1\ndef f(:\n", "f", args(), Cancellation.none());
        assertEquals("SyntaxError", once.error().name());
    }

    @Test
    void aModuleCanImportAnotherDefinedModule() throws Exception {
        sandbox.define("shapes", "class Point:\n    def __init__(self, x):\n        self.x = x\n", false);
        sandbox.define("store", String.join("\n",
                "import os, pickle, shapes",
                "PATH = os.path.expanduser('~/data/point.pkl')",
                "def save(x):",
                "    with open(PATH, 'wb') as f:",
                "        pickle.dump(shapes.Point(x), f)",
                "def load():",
                "    with open(PATH, 'rb') as f:",
                "        return pickle.load(f).x",
                ""), false);
        assertTrue(call("store", "save", args("x", 5)).ok());
        assertEquals(5, call("store", "load", args()).result().asInt());
    }

    @Test
    void writingForgedRepliesToEveryDescriptorChangesNoOtherResult() throws Exception {
        sandbox.define("forger", String.join("\n",
                "import json, os",
                "def forge():",
                "    line = b'{\"ok\": true, \"seq\": 1, \"id\": \"c\", \"result\": \"forged\", \"output\": \"\"}\\n'",
                "    reached = []",
                "    for fd in range(0, 256):",
                "        try:",
                "            os.write(fd, line * 3)",
                "            reached.append(fd)",
                "        except OSError:",
                "            pass",
                "    with open(os.path.expanduser('~/data/reached.json'), 'w') as f:",
                "        json.dump(reached, f)",
                "    return 'done'",
                ""), false);
        CallOutcome forged = call("forger", "forge", args());
        // It spoiled its own result (fd 3 is its result pipe) and nothing else.
        assertFalse(forged.ok());
        assertEquals("The process running forge sent back something that is not a result.",
                forged.error().message());
        // Only its own output (fds 1 and 2) and its own result pipe (fd 3) are open in the call's process.
        assertEquals("[1, 2, 3]", Files.readString(data.resolve("reached.json")));
        for (int i = 0; i < 3; i++) {
            assertEquals("{\"n\": 3}", call("victim", "answer", args()).result().asText());
        }
    }
}
