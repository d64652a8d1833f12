package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.util.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The shape of {@code bench snapshot}'s report (not its speed): every figure measured, manifests small. */
class BenchSnapshotCommandTest {
    @Test
    void reportsEachSnapshotAndKeepsManifestsSmall() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = ToolsmithCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertEquals(0, cli.execute("bench", "snapshot", "--files", "300", "--json"), err.toString());
        JsonNode report = Json.MAPPER.readTree(out.toString());
        assertEquals(300, report.get("files").asInt());
        for (String field : new String[] {"firstMs", "unchangedMs", "oneChangedMs", "unchangedAgainMs", "fullUnchangedMs",
                "fullOneChangedMs", "walkMs"}) {
            assertTrue(report.get(field).asDouble() > 0, field + " in " + report);
        }
        // The journal figures come from the journal, the others from full walks.
        assertEquals("change journal (0 folder(s) listed again)", report.get("unchangedScan").asText());
        assertEquals("change journal (1 folder(s) listed again)", report.get("oneChangedScan").asText());
        // 300 entries written in full would be tens of kilobytes; a manifest of changes is a few hundred bytes.
        assertTrue(report.get("manifestBytesLargest").asLong() < 2000, report.toString());
    }
}
