package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.agent.TurnListener;
import io.toolsmith.agent.TurnResult;
import io.toolsmith.app.Engine;
import io.toolsmith.conversation.CallRecord;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.settings.Home;
import io.toolsmith.settings.Settings;
import io.toolsmith.settings.SettingsStore;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.testing.TestPython;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approved functions that attack the app through the data folder, run for real in the sandbox: they leave
 * names with backslashes, links to host files and to another module's code, pipes and unreadable names, or
 * fill the folder; then the user runs undo, lists the folder, or calls again.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class HostileDataFolderTest {
    /** {@code setup} writes a note; {@code spoil} turns the folder hostile; {@code flood} makes many files. */
    private static final String CODE = """
            ```python
            import os

            def setup():
                d = os.path.expanduser('~/data')
                os.makedirs(os.path.join(d, 'notes'), exist_ok=True)
                with open(os.path.join(d, 'notes', 'code.py'), 'w') as f:
                    f.write('my notes')
                return True

            def spoil():
                d = os.path.expanduser('~/data')
                import shutil
                shutil.rmtree(os.path.join(d, 'notes'))
                os.symlink('../functions/setup', os.path.join(d, 'notes'))
                with open(os.path.join(d, '..\\\\..\\\\hostile-name-escape'), 'w') as f:
                    f.write('escape')
                os.symlink('/proc/self/environ', os.path.join(d, 'environ.pkl'))
                os.symlink('/proc/self/mem', os.path.join(d, '.mem'))
                os.mkfifo(os.path.join(d, 'pipe.pkl'))
                with open(os.path.join(d, 'two\\nlines.txt'), 'w') as f:
                    f.write('x')
                return True

            def unreadable():
                with open(os.path.join(os.path.expanduser('~/data').encode(), b'bad\\xffname'), 'w') as f:
                    f.write('x')
                with open(os.path.expanduser('~/data/caf\u00e9.pkl'), 'w') as f:
                    f.write('valid UTF-8')
                return True

            def mark():
                with open(os.path.expanduser('~/data/marker'), 'w') as f:
                    f.write('ran')
                return True

            def flood():
                for i in range(15):
                    with open(os.path.expanduser('~/data/f%d' % i), 'w') as f:
                        f.write('x')
                return True
            ```
            """;

    @TempDir
    Path home;

    @BeforeEach
    void specs() {
        StringBuilder specs = new StringBuilder(CODE);
        for (String name : List.of("setup", "spoil", "unreadable", "mark", "flood")) {
            specs.append("```function_spec\n{\"name\": \"").append(name).append("\", \"description\": \"Does ")
                    .append(name).append(".\", \"parameters\": {\"type\": \"object\", \"properties\": {}}, \"responses\": []}\n```\n");
        }
        code = specs.toString();
    }

    private String code;

    private List<CallRecord> call(Engine engine, FakeOllama ollama, Conversation chat, String function) throws Exception {
        ollama.enqueueReply("```function_call\n{\"id\": \"" + function + "\", \"function\": \"" + function
                + "\", \"parameters\": {}}\n```");
        ollama.enqueueReply("Done.");
        TurnResult result = engine.turnLoop().run(chat, "call " + function, List.of(), new TurnListener() { }, new Cancellation());
        return result.calls();
    }

    private Engine engine(FakeOllama ollama, Conversation chat) throws Exception {
        Engine engine = Engine.open(new Home(home), ollama.url());
        ollama.enqueueReply(code);
        engine.turnLoop().run(chat, "write them", List.of(), new TurnListener() { }, new Cancellation());
        for (String name : List.of("setup", "spoil", "unreadable", "mark", "flood")) {
            engine.library().approve(name, false);
        }
        return engine;
    }

    private static Python cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = ToolsmithCommand.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Python(code, out.toString(), err.toString());
    }

    private record Python(int exitCode, String out, String err) {
    }

    private List<String> filesOutsideData() throws Exception {
        try (Stream<Path> all = Files.walk(home)) {
            return all.filter(p -> !p.startsWith(home.resolve("data")) && !p.startsWith(home.resolve("snapshots")))
                    .filter(p -> p.startsWith(home.resolve("functions")) || p.getParent().equals(home))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !p.toString().endsWith(".log")
                            && !p.toString().endsWith(".jsonl"))
                    .map(p -> {
                        try {
                            return home.relativize(p) + "=" + Files.readString(p);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }).sorted().toList();
        }
    }

    @Test
    void undoAfterAFunctionTurnedTheFolderHostileWritesNothingOutsideIt() throws Exception {
        Path data = home.resolve("data");
        Conversation chat = Conversation.create("qwen3:8b");
        List<String> before;
        try (FakeOllama ollama = FakeOllama.start(); Engine engine = engine(ollama, chat)) {
            assertTrue(call(engine, ollama, chat, "setup").get(0).ok());
            before = filesOutsideData();
            assertTrue(before.stream().anyMatch(f -> f.startsWith("functions/setup/code.py=")), before.toString());
            CallRecord spoiled = call(engine, ollama, chat, "spoil").get(0);
            assertTrue(spoiled.ok(), spoiled.toString());
            assertTrue(Files.isSymbolicLink(data.resolve("notes")), "the function really replaced the folder");
        }

        Python list = cli("--home", home.toString(), "data", "list");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains("two\\nlines.txt"), "a newline in a name is shown escaped: " + list.out());
        assertTrue(list.out().contains("..\\\\..\\\\hostile-name-escape"), list.out());
        assertTrue(list.out().contains("notes") && list.out().contains("link to ../functions/setup (not followed)"), list.out());
        assertTrue(list.out().contains("pipe.pkl") && list.out().contains("named pipe (never opened)"), list.out());
        assertFalse(list.out().contains("PATH="), "nothing read through /proc/self/environ");

        Python json = cli("--home", home.toString(), "data", "list", "--json");
        JsonNode names = Json.MAPPER.readTree(json.out());
        assertTrue(names.findValuesAsText("name").contains("two\nlines.txt"), "JSON keeps the exact name");

        Python inspect = cli("--home", home.toString(), "inspect", data.resolve("environ.pkl").toString());
        assertEquals(2, inspect.exitCode());
        assertTrue(inspect.err().contains("environ.pkl is a link") && !inspect.err().contains("PATH="), inspect.err());

        Python undo = cli("--home", home.toString(), "data", "undo");
        assertEquals(0, undo.exitCode(), undo.err());
        assertTrue(undo.out().contains("pipe.pkl (a named pipe, never opened"), undo.out());

        assertEquals(before, filesOutsideData(), "no file outside the data folder changed, the module's code included");
        assertTrue(Files.isDirectory(data.resolve("notes"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("my notes", Files.readString(data.resolve("notes/code.py")));
        try (Stream<Path> left = Files.list(data)) {
            assertEquals(List.of("notes"), left.map(p -> p.getFileName().toString()).toList(),
                    "links, the pipe and the files the call made are gone");
        }
        assertFalse(Files.exists(home.getParent().resolve("hostile-name-escape")));
        assertFalse(Files.exists(home.resolve("hostile-name-escape")));
    }

    @Test
    void aNameThatIsNotUtf8IsRenamedAfterTheCallAndNothingStops() throws Exception {
        // Python can make names that are not UTF-8; Java cannot name them, so the sandbox renames them after the
        // call (each bad byte as %XX), says so in the call's output, and snapshots, calls and undo go on.
        Path data = home.resolve("data");
        Conversation chat = Conversation.create("qwen3:8b");
        try (FakeOllama ollama = FakeOllama.start(); Engine engine = engine(ollama, chat)) {
            CallRecord made = call(engine, ollama, chat, "unreadable").get(0);
            assertTrue(made.ok(), made.toString());
            assertTrue(made.output().contains("Renamed bad\\xffname in the data folder to bad%FFname: its name was"
                    + " not valid UTF-8"), made.output());
            assertFalse(made.output().contains("caf"), "a valid UTF-8 name is left alone: " + made.output());
            CallRecord next = call(engine, ollama, chat, "mark").get(0);
            assertTrue(next.ok(), next.toString());
            assertEquals("ran", Files.readString(data.resolve("marker")));
        }
        assertEquals("x", Files.readString(data.resolve("bad%FFname")), "nothing is lost");
        assertEquals("valid UTF-8", Files.readString(data.resolve("caf\u00e9.pkl")));

        Python list = cli("--home", home.toString(), "data", "list");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains("bad%FFname") && list.out().contains("caf\u00e9.pkl"), list.out());

        Python undo = cli("--home", home.toString(), "data", "undo");
        assertEquals(0, undo.exitCode(), undo.err());
        assertFalse(Files.exists(data.resolve("marker")), "undo took back the last call");
        assertEquals("x", Files.readString(data.resolve("bad%FFname")));
        assertEquals("valid UTF-8", Files.readString(data.resolve("caf\u00e9.pkl")));
    }

    @Test
    void aCallThatCannotBeSnapshottedDoesNotRun() throws Exception {
        // A name that is not UTF-8 made outside any call (by hand, so the sandbox never renamed it) cannot be kept.
        Path data = home.resolve("data");
        Conversation chat = Conversation.create("qwen3:8b");
        try (FakeOllama ollama = FakeOllama.start(); Engine engine = engine(ollama, chat)) {
            assertTrue(call(engine, ollama, chat, "setup").get(0).ok());
            Process made = new ProcessBuilder(TestPython.executable(), "-S", "-c", "import sys\nopen(sys.argv[1].encode()"
                    + " + b'/bad\\xffname', 'w').write('x')", data.toString()).start();
            assertEquals(0, made.waitFor());
            CallRecord refused = call(engine, ollama, chat, "mark").get(0);
            assertFalse(refused.ok());
            assertEquals("SnapshotError", refused.errorName());
            assertTrue(refused.errorMessage().contains("did not run mark")
                    && refused.errorMessage().contains("bad\\xffname") && refused.errorMessage().contains("Rename or remove it"),
                    refused.errorMessage());
            assertFalse(Files.exists(data.resolve("marker")), "the function did not run");
        }
        Python undo = cli("--home", home.toString(), "data", "undo");
        assertEquals(1, undo.exitCode());
        assertTrue(undo.err().contains("bad\\xffname") && undo.err().contains("Rename or remove it"), undo.err());
    }

    @Test
    void aCallThatFillsTheFolderIsToldAndTheNextOneRefused() throws Exception {
        Settings settings = Settings.defaults().withDataQuotaFiles(10);
        new SettingsStore(home.resolve("settings.json")).save(settings);
        Path data = home.resolve("data");
        Conversation chat = Conversation.create("qwen3:8b");
        try (FakeOllama ollama = FakeOllama.start(); Engine engine = engine(ollama, chat)) {
            CallRecord flood = call(engine, ollama, chat, "flood").get(0);
            assertTrue(flood.ok());
            assertNotNull(flood.output());
            assertTrue(flood.output().contains("After this call the data folder holds 15 bytes in 15 files"), flood.output());
            CallRecord next = call(engine, ollama, chat, "mark").get(0);
            assertEquals("DataQuotaError", next.errorName());
            assertTrue(next.errorMessage().contains("over its quota of 1024.0 MB and 10 entries"), next.errorMessage());
            assertFalse(Files.exists(data.resolve("marker")));
        }
        Python undo = cli("--home", home.toString(), "data", "undo");
        assertEquals(0, undo.exitCode(), undo.err());
        try (Stream<Path> left = Files.list(data)) {
            assertEquals(0, left.count(), "undo took the folder back under the quota");
        }
    }
}
