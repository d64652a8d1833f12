package io.toolsmith.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code data list}, {@code inspect --csv} and the shape of {@code bench pickle}'s report (not its speed). */
class DataCommandsTest {
    @TempDir
    Path home;

    @Test
    void dataListShowsNameSizeAndKind() throws Exception {
        Path data = Files.createDirectories(home.resolve("data"));
        Python.writeExpenses(data.resolve("expenses.pkl"), 10);
        Files.writeString(data.resolve("readme.txt"), "hello");
        Python.Result r = Python.cli("--home", home.toString(), "data", "list");
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().strip().split("\\R");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].startsWith("expenses.pkl") && lines[0].endsWith("pickle"), lines[0]);
        assertTrue(lines[0].contains(" " + Files.size(data.resolve("expenses.pkl")) + " "), lines[0]);
        assertTrue(lines[1].startsWith("readme.txt") && lines[1].endsWith("text"), lines[1]);
    }

    @Test
    void inspectCsvRefusesWhatIsNotATable() throws Exception {
        Path file = home.resolve("scalar.pkl");
        Python.pickle(file, "42", 3);
        Python.Result r = Python.cli("inspect", file.toString(), "--csv");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("scalar.pkl is not a list of records"), r.err());
    }

    @Test
    void benchPickleReportsBothSidesAndTheRatio() throws Exception {
        Python.Result r = Python.cli("bench", "pickle", "--records", "2000", "--runs", "1", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode report = Json.MAPPER.readTree(r.out());
        assertEquals(2000, report.get("records").asInt());
        for (String field : new String[] {"javaWarmUpSeconds", "javaMedianSeconds", "pythonLoadMedianSeconds",
                "pythonProcessMedianSeconds", "ratioToPythonLoad", "ratioToPythonProcess"}) {
            assertTrue(report.get(field).asDouble() > 0, field);
        }
        assertTrue(report.get("sharedReadAndJsonMedianSeconds").asDouble() > 0);
        long chars = report.get("sharedJsonChars").asLong();
        assertTrue(chars > 1 << 20 && chars < 4 << 20, "the shared string is written once: " + chars);
    }
}
