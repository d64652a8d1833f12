package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.app.Engine;
import io.toolsmith.settings.Home;
import io.toolsmith.util.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `functions try` runs a pending function's examples on a copy of the data and prints pass or fail and what each
 * changed; the real data folder is untouched, and a failing example makes the exit code 1.
 */
class FunctionsTryCommandTest {
    private static final String CODE = "import os\n\ndef add_note(text):\n    path = os.path.expanduser('~/data/notes.txt')\n"
            + "    with open(path, 'a') as f:\n        f.write(text + '\\n')\n"
            + "    with open(path) as f:\n        return len(f.read().splitlines())\n";
    private static final String SPEC = "{\"name\": \"add_note\", \"description\": \"Adds a note.\", \"parameters\":"
            + " {\"type\": \"object\", \"properties\": {\"text\": {\"type\": \"string\"}}, \"required\": [\"text\"]},"
            + " \"responses\": [{\"type\": \"integer\"}], \"examples\": [{\"prompt\": \"note milk\", \"parameters\": {\"text\": \"milk\"},"
            + " \"expected\": 2}]}";

    @TempDir
    Path home;

    @Test
    void examplesRunOnACopyOfTheDataAndPrintWhatTheyChanged() throws Exception {
        Path notes = prepare();
        StringWriter out = new StringWriter();
        assertEquals(0, run(out), out.toString());
        assertEquals(List.of(
                "✓ passed: “note milk”",
                "  arguments: {\"text\":\"milk\"}",
                "  expected:  2",
                "  got:       2",
                "  data:      notes.txt: changed (5 bytes → 10 bytes)",
                "1 example run, each on a fresh copy of the data folder: 1 passed, 0 failed. Marked tested for this code"
                        + " and spec."), out.toString().lines().toList());
        assertEquals("eggs\n", Files.readString(notes), "the real data folder is untouched");
    }

    @Test
    void aFailingExampleSaysWhyAndExitsWithOne() throws Exception {
        Path notes = prepare();
        Files.writeString(notes, "eggs\nham\n");
        StringWriter out = new StringWriter();
        assertEquals(1, run(out), out.toString());
        assertTrue(out.toString().contains("✗ failed: “note milk”"), out.toString());
        assertTrue(out.toString().contains("  got:       3\n  why:       the result is 3, not 2\n"), out.toString());
        assertTrue(out.toString().contains("0 passed, 1 failed. Not tested."), out.toString());
        assertEquals("eggs\nham\n", Files.readString(notes));
    }

    private Path prepare() throws Exception {
        Path notes = home.resolve("data/notes.txt");
        Files.createDirectories(notes.getParent());
        Files.writeString(notes, "eggs\n");
        try (Engine engine = Engine.open(new Home(home), null)) {
            engine.library().addCode(CODE);
            engine.library().addSpec((ObjectNode) Json.MAPPER.readTree(SPEC));
        }
        return notes;
    }

    private int run(StringWriter out) {
        var cli = ToolsmithCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        return cli.execute("--home", home.toString(), "functions", "try", "add_note");
    }
}
