package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.util.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The command runs end to end and prints its figures; the figures themselves are not judged here. */
class BenchSandboxCommandTest {
    @Test
    void printsOneJsonObjectInMilliseconds() throws Exception {
        StringWriter out = new StringWriter();
        picocli.CommandLine cli = ToolsmithCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        int code = cli.execute("bench", "sandbox", "--json", "--calls", "3", "--warmup", "1", "--starts", "1");
        assertEquals(0, code, out.toString());
        JsonNode figures = Json.MAPPER.readTree(out.toString());
        for (String field : new String[] {"warmP50Ms", "warmP99Ms", "backToBackCallsPerSecond", "coldStartMs",
                "pythonStartMs", "ratioP50ToPythonStart"}) {
            assertTrue(figures.path(field).isNumber() && figures.path(field).asDouble() > 0, field + " in " + figures);
        }
        assertEquals(3, figures.path("calls").asInt());
    }

    @Test
    void refusesCountsThatMeasureNothing() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = ToolsmithCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("bench", "sandbox", "--starts", "0"));
        assertTrue(err.toString().contains("--starts must be at least 1"), err.toString());
    }
}
