package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.app.Engine;
import io.toolsmith.settings.Home;
import io.toolsmith.testing.TestPython;
import io.toolsmith.util.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * `functions try` copies the data folder for a pending function: a link to a host file, a link to /dev/zero and
 * a named pipe are left out of the copy (and named), so the pending code reads none of them and nothing hangs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TryCopyOfHostileDataTest {
    /** Opens every entry of its data folder, as naive (or hostile) code would. */
    private static final String CODE = """
            import os

            def read_all():
                d = os.path.expanduser('~/data')
                seen = {}
                for root, dirs, files in os.walk(d):
                    for name in files:
                        with open(os.path.join(root, name), 'rb') as f:
                            seen[os.path.relpath(os.path.join(root, name), d)] = f.read(64).decode('latin-1')
                return seen
            """;
    private static final String SPEC = "{\"name\": \"read_all\", \"description\": \"Reads the data.\", \"parameters\":"
            + " {\"type\": \"object\", \"properties\": {}}, \"responses\": [{\"type\": \"object\"}],"
            + " \"examples\": [{\"prompt\": \"read it all\", \"parameters\": {}}]}";

    @TempDir
    Path root;

    @Test
    void linksAndPipesAreLeftOutOfTheCopy() throws Exception {
        Path home = root.resolve("home");
        Path data = home.resolve("data");
        Files.createDirectories(data.resolve("sub"));
        Path secret = Files.writeString(root.resolve("secret.txt"), "host secret");
        Files.writeString(data.resolve("notes.txt"), "my notes");
        Files.writeString(data.resolve("sub/.hidden"), "hidden data");
        Process p = new ProcessBuilder(TestPython.executable(), "-S", "-c", "import os, sys\nos.chdir(sys.argv[1])\n"
                + "os.symlink(sys.argv[2], 'leak.txt')\nos.symlink('/dev/zero', 'zero.pkl')\nos.mkfifo('pipe.pkl')",
                data.toString(), secret.toString()).redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
        try (Engine engine = Engine.open(new Home(home), null)) {
            engine.library().addCode(CODE);
            engine.library().addSpec((ObjectNode) Json.MAPPER.readTree(SPEC));
        }

        StringWriter out = new StringWriter();
        var cli = ToolsmithCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        assertEquals(0, cli.execute("--home", home.toString(), "functions", "try", "read_all"), out.toString());

        String printed = out.toString();
        assertTrue(printed.contains("my notes") && printed.contains("hidden data"), printed);
        assertFalse(printed.contains("host secret"), "the pending code did not read the host file: " + printed);
        assertTrue(printed.contains("leak.txt is a link to " + secret + "; the copy the examples ran on leaves it out"), printed);
        assertTrue(printed.contains("zero.pkl is a link to /dev/zero"), printed);
        assertTrue(printed.contains("pipe.pkl is a named pipe"), printed);
        assertTrue(printed.contains("0 failed"), printed);
    }

    @Test
    void aFolderOverTheQuotaIsNotCopied() throws Exception {
        Path home = root.resolve("home");
        Path data = Files.createDirectories(home.resolve("data"));
        for (int i = 0; i < 12; i++) {
            Files.writeString(data.resolve("f" + i), "x");
        }
        io.toolsmith.settings.Settings settings = io.toolsmith.settings.Settings.defaults().withDataQuotaFiles(10);
        new io.toolsmith.settings.SettingsStore(home.resolve("settings.json")).save(settings);
        try (Engine engine = Engine.open(new Home(home), null)) {
            engine.library().addCode(CODE);
            engine.library().addSpec((ObjectNode) Json.MAPPER.readTree(SPEC));
        }
        StringWriter out = new StringWriter();
        var cli = ToolsmithCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        assertEquals(1, cli.execute("--home", home.toString(), "functions", "try", "read_all"), out.toString());
        assertTrue(out.toString().contains("The examples were not run: the data folder holds 12 bytes in 12 files"),
                out.toString());
    }
}
