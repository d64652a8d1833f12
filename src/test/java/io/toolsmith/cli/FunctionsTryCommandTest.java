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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `functions try` runs a pending function's examples on a copy of the data; the real data folder is untouched. */
class FunctionsTryCommandTest {
    private static final String CODE = "import os\n\ndef add_note(text):\n    path = os.path.expanduser('~/data/notes.txt')\n"
            + "    with open(path, 'a') as f:\n        f.write(text + '\\n')\n"
            + "    with open(path) as f:\n        return len(f.read().splitlines())\n";
    private static final String SPEC = "{\"name\": \"add_note\", \"description\": \"Adds a note.\", \"parameters\":"
            + " {\"type\": \"object\", \"properties\": {\"text\": {\"type\": \"string\"}}, \"required\": [\"text\"]},"
            + " \"responses\": [{\"type\": \"integer\"}], \"examples\": [{\"prompt\": \"note milk\", \"parameters\": {\"text\": \"milk\"}}]}";

    @TempDir
    Path home;

    @Test
    void examplesRunOnACopyOfTheData() throws Exception {
        Path notes = home.resolve("data/notes.txt");
        Files.createDirectories(notes.getParent());
        Files.writeString(notes, "eggs\n");
        try (Engine engine = Engine.open(new Home(home), null)) {
            engine.library().addCode(CODE);
            engine.library().addSpec((ObjectNode) Json.MAPPER.readTree(SPEC));
        }
        StringWriter out = new StringWriter();
        var cli = ToolsmithCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        assertEquals(0, cli.execute("--home", home.toString(), "functions", "try", "add_note"), out.toString());
        assertTrue(out.toString().contains("result:    2"), "the copy held the existing note: " + out);
        assertTrue(out.toString().contains("0 failed"), out.toString());
        assertEquals("eggs\n", Files.readString(notes), "the real data folder is untouched");
    }
}
