package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.util.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shape of {@code bench context}'s report: every library measured, every request within the window. */
class BenchContextCommandTest {
    @Test
    void everyLibrarysRequestsFitTheWindowWhereAllSpecsWouldNot() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = ToolsmithCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertEquals(0, cli.execute("bench", "context", "--json", "--misses", "--sizes", "10,300"), err.toString());
        JsonNode report = Json.MAPPER.readTree(out.toString());
        int window = report.get("window").asInt();
        JsonNode libraries = report.get("libraries");
        assertEquals(4, libraries.size(), "two libraries, each with the tuned and the unseen requests");
        for (JsonNode library : libraries) {
            assertTrue(library.get("requestTokensMax").asInt() <= window - window / 4, library.toString());
            assertTrue(library.get("offeredNeeded").asInt() > 0, library.toString());
            int missed = library.get("requests").asInt() - library.get("offeredNeeded").asInt();
            assertEquals(missed, library.path("notOffered").size(), "each miss is listed: " + library);
        }
        for (JsonNode small : List.of(libraries.get(0), libraries.get(1))) {
            assertEquals(10, small.get("functions").asInt());
            assertEquals(small.get("requests").asInt(), small.get("offeredNeeded").asInt(), "ten functions all fit: " + small);
        }
        assertEquals("unseen", libraries.get(3).get("set").asText());
        JsonNode largest = libraries.get(3);
        assertEquals(300, largest.get("functions").asInt());
        assertTrue(largest.get("allSpecsTokens").asInt() > 5 * window, largest.toString());
    }
}
