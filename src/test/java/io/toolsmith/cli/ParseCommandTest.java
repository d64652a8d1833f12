package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.util.Json;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ParseCommandTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        CommandLine cli = ToolsmithCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        CommandLine parse = cli.getSubcommands().get("parse");
        ((ParseCommand) parse.getCommand()).stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void reportForAFile(@TempDir Path dir) throws Exception {
        Path reply = dir.resolve("reply.md");
        Files.writeString(reply, "Checking.\n\n```function_call\n{\"id\": 1, \"function\": \"get_document_status\","
                + " \"parameters\": {\"doc_id\": \"DOC-001\"}\n```\n\n```function_output\n{\"id\": 1, \"result\": 2}\n```\n");
        Run run = run("", "parse", reply.toString());
        assertEquals(0, run.exit(), run.err());
        JsonNode report = Json.MAPPER.readTree(run.out());
        assertEquals(Json.MAPPER.readTree("[{\"label\": \"function_call\", \"line\": 3},"
                + " {\"label\": \"function_output\", \"line\": 7}]"), report.get("blocks"));
        JsonNode call = report.get("calls").get(0);
        assertTrue(call.get("id").isInt());
        assertEquals("get_document_status", call.get("function").asText());
        assertEquals("DOC-001", call.get("arguments").get("doc_id").asText());
        assertEquals("function_call", call.get("source").asText());
        assertEquals("added a missing closing brace at the end", call.get("repairs").get(0).asText());
        assertEquals(0, report.get("python").asInt());
        assertTrue(report.get("warnings").get(0).asText().contains("function_output block written by the model"));
    }

    @Test
    void unreadableFileGivesASentenceAndExitCode2(@TempDir Path dir) {
        Run run = run("", "parse", dir.resolve("missing.md").toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("Could not read "), run.err());
        assertTrue(run.err().contains("no such file"), run.err());
    }

    @Test
    void jsonlFromStdin() throws Exception {
        String input = String.join("\n",
                Json.MAPPER.writeValueAsString(java.util.Map.of("content",
                        "```tool_code\nfetch_weather(place=\"Pune\", days=3)\n```")),
                Json.MAPPER.writeValueAsString(java.util.Map.of("content", "```function_call\n{\"id\": 2}\n```")),
                "",
                "not json",
                "{\"model\": \"m\"}");
        Run run = run(input, "parse", "--jsonl");
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(4, lines.size());
        JsonNode first = Json.MAPPER.readTree(lines.get(0));
        assertEquals(1, first.get("line").asInt());
        assertEquals("tool_code", first.get("calls").get(0).get("source").asText());
        assertEquals(3, first.get("calls").get(0).get("arguments").get("days").asInt());
        JsonNode second = Json.MAPPER.readTree(lines.get(1));
        assertEquals(2, second.get("malformed").get(0).get("id").asInt());
        assertTrue(second.get("malformed").get(0).get("problem").asText().startsWith("The function_call block has no"));
        assertTrue(Json.MAPPER.readTree(lines.get(2)).get("error").asText().startsWith("Line 4 is not valid JSON"));
        assertTrue(Json.MAPPER.readTree(lines.get(3)).get("error").asText().contains("no \"content\" string"));
    }

    @Test
    void fixtureFileAsJsonl() throws Exception {
        Path fixtures = Path.of(System.getProperty("toolsmith.fixtures", "src/test/resources/fixtures"));
        Run run = run("", "parse", "--jsonl", fixtures.resolve("benchmark-replies-sample.jsonl").toString());
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(52, lines.size());
        for (String line : lines) {
            assertTrue(Json.MAPPER.readTree(line).has("calls"), line);
        }
    }
}
