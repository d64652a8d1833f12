package io.toolsmith.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local sandbox with a real python3 (under bubblewrap when installed): protocol, capture and conversions. Every
 * call runs in a process of its own, so the tests share one sandbox (one worker start); each defines the modules it
 * calls, and a test that needs other settings opens a sandbox of its own.
 */
class LocalSandboxTest {
    @TempDir
    static Path dir;
    static LocalSandbox sandbox;

    @BeforeAll
    static void open() throws SandboxException {
        sandbox = LocalSandbox.open(SandboxSettings.defaults(), dir.resolve("data"), dir.resolve("work"));
    }

    @AfterAll
    static void close() {
        sandbox.close();
    }

    static ObjectNode args(Object... pairs) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.set((String) pairs[i], Json.MAPPER.valueToTree(pairs[i + 1]));
        }
        return node;
    }

    CallOutcome call(String module, String function, ObjectNode arguments) throws SandboxException {
        return call(sandbox, module, function, arguments);
    }

    static CallOutcome call(LocalSandbox sandbox, String module, String function, ObjectNode arguments)
            throws SandboxException {
        return sandbox.call("c1", module, function, arguments, Cancellation.none());
    }

    @Test
    void definesAndCallsAFunction() throws Exception {
        sandbox.define("math_tools", "def add(a, b):\n    return a + b\n", false);
        CallOutcome outcome = call("math_tools", "add", args("a", 2, "b", 40));
        assertTrue(outcome.ok(), () -> String.valueOf(outcome.error()));
        assertEquals(42, outcome.result().asInt());
        assertEquals("", outcome.output());
        assertFalse(outcome.outputTruncated());
    }

    @Test
    void theWorkerRunsFromItsBytecode() throws Exception {
        sandbox.define("worker_program", "import sys\ndef program():\n    return sys.argv[0]\n", false);
        CallOutcome outcome = call("worker_program", "program", args());
        assertTrue(outcome.ok(), () -> String.valueOf(outcome.error()));
        assertTrue(outcome.result().asText().endsWith(".pyc"), outcome.result().asText());
    }

    /** A work folder where the bytecode cannot be written (a folder with something in it holds its name). */
    @Test
    void theWorkerStartsFromItsSourceWhenItsBytecodeCannotBeWritten(@TempDir Path other) throws Exception {
        for (String name : new String[] {"worker.pyc", "worker-unisolated.pyc"}) {
            java.nio.file.Files.createDirectories(other.resolve("work").resolve(name).resolve("taken"));
        }
        try (LocalSandbox own = LocalSandbox.open(SandboxSettings.defaults(), other.resolve("data"),
                other.resolve("work"))) {
            own.define("worker_program", "import sys\ndef program():\n    return sys.argv[0]\n", false);
            CallOutcome outcome = call(own, "worker_program", "program", args());
            assertTrue(outcome.ok(), () -> String.valueOf(outcome.error()));
            assertTrue(outcome.result().asText().endsWith("worker.py"), outcome.result().asText());
        }
    }

    @Test
    void everyCallStartsFromTheModulesCode() throws Exception {
        sandbox.define("counter", "count = 0\ndef bump():\n    global count\n    count += 1\n    return count\n", false);
        assertEquals(1, call("counter", "bump", args()).result().asInt());
        assertEquals(1, call("counter", "bump", args()).result().asInt());
    }

    @Test
    void blankLinesInsideFunctionsAreFine() throws Exception {
        String code = "def describe(name):\n\n    greeting = 'Hello'\n\n\n    return greeting + ', ' + name\n\n"
                + "class Box:\n\n    def __init__(self):\n\n        self.v = 1\n";
        sandbox.define("blanks", code, false);
        assertEquals("Hello, Ada", call("blanks", "describe", args("name", "Ada")).result().asText());
    }

    @Test
    void printIsCapturedAndDoesNotCorruptTheProtocol() throws Exception {
        sandbox.define("noisy", "import sys\ndef talk():\n    print('{\"ok\": true, \"result\": 99}')\n"
                + "    print('to stderr', file=sys.stderr)\n    return 'done'\n", false);
        CallOutcome outcome = call("noisy", "talk", args());
        assertEquals("done", outcome.result().asText());
        assertEquals("{\"ok\": true, \"result\": 99}\nto stderr\n", outcome.output());
        assertEquals("done", call("noisy", "talk", args()).result().asText());
    }

    @Test
    void writesToFileDescriptorOneAreCapturedToo() throws Exception {
        sandbox.define("raw", "import os\nos.write(1, b'while loading\\n')\ndef write():\n    os.write(1, b'{\"ok\": false}\\n')\n"
                + "    os.write(2, b'err\\n')\n    return 7\n", false);
        CallOutcome outcome = call("raw", "write", args());
        assertTrue(outcome.ok());
        assertEquals(7, outcome.result().asInt());
        // The module is loaded by each call, so what its top level writes is part of each call's output.
        assertEquals("while loading\n{\"ok\": false}\nerr\n", outcome.output());
        assertEquals("while loading\n{\"ok\": false}\nerr\n", call("raw", "write", args()).output());
    }

    @Test
    void resultsAreConvertedToJson() throws Exception {
        sandbox.define("types_demo", String.join("\n",
                "import datetime, decimal",
                "class Thing:",
                "    def __repr__(self):",
                "        return '<Thing>'",
                "def values():",
                "    return {'date': datetime.date(2024, 3, 1), 'when': datetime.datetime(2024, 3, 1, 12, 30),",
                "            'tags': {'a'}, 'frozen': frozenset([1]), 'pair': (1, 2), 'raw': b'hi',",
                "            'amount': decimal.Decimal('12.50'), 'thing': Thing(), 'none': None,",
                "            'nan': float('nan'), 1: 'int key', ('t',): 'tuple key'}",
                ""), false);
        JsonNode result = call("types_demo", "values", args()).result();
        assertEquals("2024-03-01", result.get("date").asText());
        assertEquals("2024-03-01T12:30:00", result.get("when").asText());
        assertEquals("a", result.get("tags").get(0).asText());
        assertEquals(1, result.get("frozen").get(0).asInt());
        assertEquals(2, result.get("pair").get(1).asInt());
        assertEquals("aGk=", result.get("raw").asText());
        assertEquals("12.50", result.get("amount").asText());
        assertEquals("<Thing>", result.get("thing").asText());
        assertTrue(result.get("none").isNull());
        assertEquals("nan", result.get("nan").asText());
        assertEquals("int key", result.get("1").asText());
        assertEquals("tuple key", result.get("('t',)").asText());
    }

    @Test
    void customExceptionsComeBackWithNameMessageAndTraceback() throws Exception {
        sandbox.define("dates", String.join("\n",
                "class InvalidDateError(ValueError):",
                "    pass",
                "def parse(text):",
                "    check(text)",
                "def check(text):",
                "    raise InvalidDateError('not a date: ' + text)",
                ""), false);
        CallOutcome outcome = call("dates", "parse", args("text", "31/02"));
        assertFalse(outcome.ok());
        assertNull(outcome.result());
        assertEquals("InvalidDateError", outcome.error().name());
        assertEquals("not a date: 31/02", outcome.error().message());
        String traceback = outcome.error().traceback();
        assertTrue(traceback.contains("line 6, in check"), traceback);
        assertTrue(traceback.contains("raise InvalidDateError('not a date: ' + text)"), traceback);
        assertFalse(traceback.contains("worker.py"), traceback);
    }

    @Test
    void syntaxErrorsNameTheLine() {
        SandboxException e = assertThrows(SandboxException.class,
                () -> sandbox.define("broken", "x = 1\n\ndef f(:\n    pass\n", false));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().startsWith("The code of module broken has a syntax error"), e.getMessage());
    }

    @Test
    void importErrorsNameTheLineAndKeepThePreviousVersion() throws Exception {
        sandbox.define("tool", "def v():\n    return 1\n", false);
        SandboxException e = assertThrows(SandboxException.class,
                () -> sandbox.define("tool", "import os\nimport no_such_module_here\ndef v():\n    return 2\n", false));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("ModuleNotFoundError"),
                e.getMessage());
        assertEquals(1, call("tool", "v", args()).result().asInt());
    }

    @Test
    void redefiningReplacesAndUndefineForgets() throws Exception {
        sandbox.define("tool", "def v():\n    return 1\n", false);
        sandbox.define("tool", "def v():\n    return 2\n", false);
        assertEquals(2, call("tool", "v", args()).result().asInt());
        sandbox.undefine("tool");
        CallOutcome outcome = call("tool", "v", args());
        assertFalse(outcome.ok());
        assertEquals("NameError", outcome.error().name());
    }

    @Test
    void rejectsNamesThatAreNotIdentifiers() {
        SandboxException e = assertThrows(SandboxException.class, () -> sandbox.define("bad-name", "x = 1", false));
        assertTrue(e.getMessage().contains("is not a Python identifier"), e.getMessage());
    }

    @Test
    void aModuleNamedLikeAStandardModuleRunsAndIsThatNameInItsCall() throws Exception {
        sandbox.define("calendar", "import email.utils, json, sys\ndef which():\n    import calendar\n"
                + "    return [calendar is sys.modules[__name__], json.dumps([1]), email.utils.quote('a')]\n", false);
        CallOutcome outcome = call("calendar", "which", args());
        assertTrue(outcome.ok(), () -> String.valueOf(outcome.error()));
        assertEquals("[true,\"[1]\",\"a\"]", outcome.result().toString());
        // Another module still gets the standard calendar.
        sandbox.define("dates", "import calendar\ndef leap():\n    return calendar.isleap(2024)\n", false);
        assertTrue(call("dates", "leap", args()).result().asBoolean());
    }

    @Test
    void unknownFunctionIsAnErrorOutcome() throws Exception {
        sandbox.define("tool", "def v():\n    return 1\n", false);
        CallOutcome outcome = call("tool", "missing", args());
        assertEquals("NameError", outcome.error().name());
    }

    @Test
    void printingAHundredMegabytesIsCapped() throws Exception {
        sandbox.define("flood", "import os\ndef flood():\n    line = 'x' * 1_000_000\n    for _ in range(100):\n"
                + "        print(line)\n    return 'survived'\ndef raw():\n    os.write(1, b'y' * 5_000_000)\n"
                + "    return 'raw survived'\n", false);
        CallOutcome outcome = call("flood", "flood", args());
        assertEquals("survived", outcome.result().asText());
        assertTrue(outcome.outputTruncated());
        assertTrue(outcome.output().length() < (1 << 20) + 200, "output length " + outcome.output().length());
        assertTrue(outcome.output().contains("[output cut:"));
        CallOutcome raw = call("flood", "raw", args());
        assertEquals("raw survived", raw.result().asText());
        assertTrue(raw.outputTruncated());
        assertTrue(raw.output().length() < (1 << 20) + 200);
        sandbox.define("quiet", "def quiet():\n    return 0\n", false);
        assertEquals("", call("quiet", "quiet", args()).output());
    }

    @Test
    void aHugeResultIsCutWithANote() throws Exception {
        sandbox.define("big", "def big():\n    return 'z' * 3_000_000\n", false);
        CallOutcome outcome = call("big", "big", args());
        assertTrue(outcome.ok());
        assertTrue(outcome.result().asText().contains("[result cut:"));
        assertTrue(outcome.result().asText().length() < (1 << 20) + 200);
    }

    @Test
    void endlessLoopIsStoppedByTheTimeoutAndTheNextCallWorks() throws Exception {
        try (LocalSandbox timed = LocalSandbox.open(SandboxSettings.defaults().withTimeout(Duration.ofMillis(1500)),
                dir.resolve("timed-data"), dir.resolve("timed-work"))) {
            timed.define("loop", "state = {'n': 0}\ndef spin():\n    while True:\n        pass\n"
                    + "def ok():\n    state['n'] += 1\n    return state['n']\n", false);
            CallOutcome outcome = call(timed, "loop", "spin", args());
            assertFalse(outcome.ok());
            assertEquals("TimeoutError", outcome.error().name());
            assertEquals("The function did not finish within 1.5 seconds and was stopped.", outcome.error().message());
            assertEquals(1, call(timed, "loop", "ok", args()).result().asInt());
        }
    }

    @Test
    void aClosedSandboxRefusesCallsAndStartsNoWorkerForThem() throws Exception {
        LocalSandbox closed = LocalSandbox.open(SandboxSettings.defaults(), dir.resolve("closed-data"),
                dir.resolve("closed-work"));
        closed.define("hello", "def hi():\n    return 'hi'\n", false);
        closed.close();
        SandboxException refused = assertThrows(SandboxException.class, () -> call(closed, "hello", "hi", args()));
        assertEquals("The sandbox has been shut down, so nothing more runs in it.", refused.getMessage());
        // refused before a worker would start (a call's slot starts one when none runs)
        assertThrows(SandboxException.class, () -> closed.define("other", "x = 1\n", false));
    }

    @Test
    void cancellationStopsTheCallAndTheNextCallWorks() throws Exception {
        // nap() says it has started by creating a file in the data folder; the test cancels when it sees it appear
        sandbox.define("slow", "import os, time\ndef nap():\n    open(os.path.expanduser('~/data/napping'), 'w').close()\n"
                + "    time.sleep(60)\ndef ok():\n    return 'ok'\n", false);
        Path data = dir.resolve("data");
        Cancellation cancel = new Cancellation();
        try (WatchService watch = data.getFileSystem().newWatchService()) {
            data.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            Thread canceller = new Thread(() -> {
                try {
                    while (true) {
                        WatchKey key = watch.take();
                        if (key.pollEvents().stream().anyMatch(e -> Path.of("napping").equals(e.context()))) {
                            cancel.cancel();
                            return;
                        }
                        key.reset();
                    }
                } catch (InterruptedException | ClosedWatchServiceException e) {
                    // the test is over
                }
            });
            canceller.start();
            CallOutcome outcome = sandbox.call("c2", "slow", "nap", args(), cancel);
            assertEquals("Cancelled", outcome.error().name());
        }
        assertEquals("ok", call("slow", "ok", args()).result().asText());
    }

    @Test
    void aFunctionThatEndsItsProcessFailsOnlyItsOwnCall() throws Exception {
        sandbox.define("crash", "import os\ndef die():\n    os._exit(3)\ndef ok():\n    return 'back'\n", false);
        CallOutcome outcome = call("crash", "die", args());
        assertEquals("SandboxError", outcome.error().name());
        assertEquals("The process running die ended (exit code 3) before it returned.", outcome.error().message());
        assertEquals("back", call("crash", "ok", args()).result().asText());
    }

    @Test
    void aFunctionThatKillsTheWorkerEitherCannotOrFailsAndTheWorkerIsRestartedWithItsModules() throws Exception {
        sandbox.define("crash", "import os, signal\ndef kill():\n    os.kill(os.getppid(), signal.SIGKILL)\n"
                + "    return 'survived'\ndef ok():\n    return 'back'\n", false);
        CallOutcome outcome = call("crash", "kill", args());
        if (sandbox.isolation().isolated()) {
            // Under bubblewrap the worker is its pid namespace's init, which ignores signals sent from inside.
            assertTrue(outcome.ok(), () -> String.valueOf(outcome.error()));
            assertEquals("survived", outcome.result().asText());
        } else {
            assertEquals("SandboxError", outcome.error().name());
            assertEquals("The sandbox stopped while running kill; it was restarted.", outcome.error().message());
        }
        assertEquals("back", call("crash", "ok", args()).result().asText());
    }

    @Test
    void aForkedChildNeverAnswersForTheWorker() throws Exception {
        sandbox.define("forker", "import os\ndef split():\n    pid = os.fork()\n    if pid == 0:\n"
                + "        print('child')\n        return 'child'\n    os.waitpid(pid, 0)\n    return 'parent'\n", false);
        assertEquals("parent", call("forker", "split", args()).result().asText());
        assertEquals("parent", call("forker", "split", args()).result().asText());
    }

    @Test
    void sysExitIsAnErrorNotACrash() throws Exception {
        sandbox.define("quitter", "import sys\ndef leave():\n    sys.exit(2)\n", false);
        CallOutcome outcome = call("quitter", "leave", args());
        assertEquals("SystemExit", outcome.error().name());
        assertEquals("2", outcome.error().message());
    }

    @Test
    void homeDataIsTheDataFolder() throws Exception {
        sandbox.define("files", "import os\ndef save(text):\n"
                + "    with open(os.path.expanduser('~/data/note.txt'), 'w') as f:\n        f.write(text)\n"
                + "    return os.path.expanduser('~')\n", false);
        CallOutcome outcome = call("files", "save", args("text", "kept"));
        assertTrue(outcome.ok(), () -> String.valueOf(outcome.error()));
        assertEquals("kept", java.nio.file.Files.readString(dir.resolve("data/note.txt")));
    }
}
