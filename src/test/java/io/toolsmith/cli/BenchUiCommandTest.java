package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.util.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The command starts the window in a second JVM, which streams and scrolls, and prints that
 * process's figures; the figures themselves are not judged here. Ten messages are more than its window shows, so it
 * scrolls; each message more is work the child does for nothing here.
 */
class BenchUiCommandTest {
    @Test
    void measuresAChildProcessAndPrintsOneJsonObject() throws Exception {
        StringWriter out = new StringWriter();
        picocli.CommandLine cli = ToolsmithCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        int code = cli.execute("bench", "ui", "--json", "--messages", "10", "--seconds", "1");
        assertEquals(0, code, out.toString());
        JsonNode figures = Json.MAPPER.readTree(out.toString());
        assertEquals(10, figures.path("messages").asInt());
        for (String field : new String[] {"coldStartMillis", "openMillis", "tokensStreamed", "frames", "longestFrameMillis",
                "longestFxCpuMillis", "scrollFrames", "residentMb", "renderedCells"}) {
            assertTrue(figures.path(field).isNumber() && figures.path(field).asDouble() > 0, field + " in " + figures);
        }
        assertTrue(figures.path("scrollRows").isInt(), "rows scrolled through in " + figures);
    }
}
