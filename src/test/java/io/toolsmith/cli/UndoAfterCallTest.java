package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.agent.TurnListener;
import io.toolsmith.app.Engine;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.functions.ActivityEntry;
import io.toolsmith.settings.Home;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.testing.TestPython;
import io.toolsmith.util.Cancellation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A buggy function destroys the expense file; `data undo` brings back the exact bytes from before its call. */
class UndoAfterCallTest {
    private static final String CODE = "```python\nimport os, pickle\n\n"
            + "def save_note(text):\n    path = os.path.expanduser('~/data/expenses.pkl')\n"
            + "    with open(path, 'wb') as f:\n        pickle.dump([{'note': text, 'amount': 300.0}], f)\n    return True\n\n"
            + "def clobber():\n    with open(os.path.expanduser('~/data/expenses.pkl'), 'wb') as f:\n"
            + "        f.write(b'garbage, not a pickle')\n    return 'done'\n```\n"
            + "```function_spec\n{\"name\": \"save_note\", \"description\": \"Saves a note.\", \"parameters\": {\"type\": \"object\","
            + " \"properties\": {\"text\": {\"type\": \"string\"}}, \"required\": [\"text\"]}, \"responses\": []}\n```\n"
            + "```function_spec\n{\"name\": \"clobber\", \"description\": \"Overwrites the expense file.\", \"parameters\":"
            + " {\"type\": \"object\", \"properties\": {}}, \"responses\": []}\n```\n";

    @TempDir
    Path home;

    @Test
    void undoRestoresTheBytesFromBeforeTheCall() throws Exception {
        Path pickle = home.resolve("data/expenses.pkl");
        byte[] good;
        try (FakeOllama ollama = FakeOllama.start(); Engine engine = Engine.open(new Home(home), ollama.url())) {
            Conversation chat = Conversation.create("qwen3:8b");
            ollama.enqueueReply(CODE);
            engine.turnLoop().run(chat, "write them", List.of(), new TurnListener() { }, new Cancellation());
            engine.library().approve("save_note", false);
            engine.library().approve("clobber", false);

            ollama.enqueueReply("```function_call\n{\"id\": 1, \"function\": \"save_note\", \"parameters\": {\"text\": \"cab\"}}\n```");
            ollama.enqueueReply("Saved.");
            engine.turnLoop().run(chat, "save", List.of(), new TurnListener() { }, new Cancellation());
            good = Files.readAllBytes(pickle);

            ollama.enqueueReply("```function_call\n{\"id\": 2, \"function\": \"clobber\", \"parameters\": {}}\n```");
            ollama.enqueueReply("Oops.");
            engine.turnLoop().run(chat, "clobber", List.of(), new TurnListener() { }, new Cancellation());
            assertFalse(Arrays.equals(good, Files.readAllBytes(pickle)), "the function really destroyed the file");
        }

        StringWriter inspectErr = new StringWriter();
        var inspect = ToolsmithCommand.newCommandLine();
        inspect.setErr(new PrintWriter(inspectErr, true));
        inspect.setOut(new PrintWriter(new StringWriter(), true));
        assertEquals(2, inspect.execute("--home", home.toString(), "inspect", pickle.toString()));
        assertTrue(inspectErr.toString().contains("expenses.pkl"), inspectErr.toString());

        StringWriter out = new StringWriter();
        var undo = ToolsmithCommand.newCommandLine();
        undo.setOut(new PrintWriter(out, true));
        assertEquals(0, undo.execute("--home", home.toString(), "data", "undo"), out.toString());
        byte[] restored = Files.readAllBytes(pickle);
        assertArrayEquals(good, restored, "bytes identical to before the clobbering call");
        Process python = new ProcessBuilder(TestPython.executable(), "-S", "-c",
                "import pickle,sys; print(pickle.load(open(sys.argv[1],'rb'))[0]['note'])", pickle.toString())
                .redirectErrorStream(true).start();
        assertEquals("cab", new String(python.getInputStream().readAllBytes()).strip());
        assertEquals(0, python.waitFor());

        // The window's Activity reads the engine's log: the undo is there as one made in the window, marked CLI.
        try (Engine engine = Engine.open(new Home(home), "http://127.0.0.1:9")) {
            ActivityEntry entry = engine.activity().recent(1).get(0);
            assertEquals(ActivityEntry.UNDO, entry.outcome());
            assertEquals("CLI", entry.source());
            assertEquals("clobber", entry.function(), "names what was undone");
            assertEquals("2", entry.callId());
            String safety = out.toString().lines().filter(l -> l.startsWith("To undo this, run: toolsmith data undo "))
                    .findFirst().orElseThrow().substring("To undo this, run: toolsmith data undo ".length());
            assertTrue(entry.detail().endsWith("kept as snapshot " + safety + "."), entry.detail());
            assertEquals(List.of(ActivityEntry.UNDO, ActivityEntry.OK, ActivityEntry.OK),
                    engine.activity().recent(3).stream().map(ActivityEntry::outcome).toList(),
                    "after the two calls it undid");
        }
    }
}
