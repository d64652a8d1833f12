package io.toolsmith.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The parser against real replies of two Gemma 3 models to the benchmark scenarios. */
class FixtureRepliesTest {
    private static final ReplyParser PARSER = new ReplyParser();
    private static List<JsonNode> lines;

    @BeforeAll
    static void load() throws IOException {
        Path file = Path.of(System.getProperty("toolsmith.fixtures", "src/test/resources/fixtures"))
                .resolve("benchmark-replies-sample.jsonl");
        lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                lines.add(Json.MAPPER.readTree(line));
            }
        }
        assertEquals(52, lines.size());
    }

    private static ParsedReply parsed(int line) {
        return PARSER.parse(lines.get(line).get("content").asText());
    }

    @Test
    void everyReplyParsesAndEveryFunctionCallBlockIsAccountedFor() {
        for (int i = 0; i < lines.size(); i++) {
            ParsedReply reply = parsed(i);
            long callBlocks = reply.blocks().stream().filter(b -> b.label().equals("function_call")).count();
            assertEquals(callBlocks, reply.calls().size() + reply.malformed().size(), "line " + i);
            long specBlocks = reply.blocks().stream().filter(b -> b.label().equals("function_spec")).count();
            assertTrue(reply.specs().size() >= specBlocks, "line " + i);
            assertTrue(ReplyReport.toJson(reply).has("calls"), "line " + i);
        }
    }

    @Test
    void expectedCallsMatchOnTheKnownGoodLines() {
        Set<Integer> matching = new TreeSet<>();
        int candidates = 0;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode expected = lines.get(i).path("expected").path("calls");
            if (!expected.isArray() || expected.isEmpty()
                    || !lines.get(i).get("content").asText().contains("```function_call")) {
                continue;
            }
            candidates++;
            if (allExpectedCallsPresent(expected, parsed(i).calls())) {
                matching.add(i);
            }
        }
        assertEquals(20, candidates);
        // 0, 1, 3 and 19 are replies where the small model called the wrong function or passed a schema.
        assertEquals(Set.of(14, 20, 21, 26, 27, 29, 32, 34, 36, 40, 43, 45, 46, 47, 49, 50), matching);
    }

    private static boolean allExpectedCallsPresent(JsonNode expected, List<FunctionCall> calls) {
        List<FunctionCall> unused = new ArrayList<>(calls);
        for (JsonNode want : expected) {
            FunctionCall found = unused.stream()
                    .filter(c -> c.function().equals(want.get("function").asText()))
                    .filter(c -> containsAll(c.arguments(), want.path("parameters")))
                    .findFirst().orElse(null);
            if (found == null) {
                return false;
            }
            unused.remove(found);
        }
        return true;
    }

    /** Expected parameters are a subset of the actual ones; numbers compare by value (4 equals 4.0). */
    private static boolean containsAll(JsonNode actual, JsonNode wanted) {
        for (Iterator<Map.Entry<String, JsonNode>> it = wanted.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!sameValue(actual.get(entry.getKey()), entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a == null) {
            return false;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    @Test
    void callWithMissingFinalBraceIsRepairedAndNoted() {
        ParsedReply reply = parsed(14);
        assertEquals(1, reply.calls().size());
        FunctionCall call = reply.calls().get(0);
        assertEquals("send_email", call.function());
        assertTrue(call.id().isInt());
        assertEquals(List.of("added a missing closing brace at the end"), call.repairs());
        assertTrue(call.arguments().get("body").asText().startsWith("Dear Conference Room 4B,\n\n"));
    }

    @Test
    void specWithMissingBraceAndModelWrittenOutputInOneReply() {
        ParsedReply reply = parsed(3);
        assertEquals(1, reply.specs().size());
        assertEquals("customer_profile_get", reply.specs().get(0).name());
        assertEquals("customer_profile_get", reply.calls().get(0).function());
        assertTrue(reply.warnings().stream().anyMatch(w -> w.contains("function_spec block on line 1 was repaired")));
        assertTrue(reply.warnings().stream().anyMatch(w -> w.startsWith(
                "The reply contains a function_output block written by the model")));
        assertEquals(List.of("function_spec", "function_call", "function_output"),
                reply.blocks().stream().map(Block::label).toList());
    }

    @Test
    void onlyAModelWrittenOutputIsNoCall() {
        ParsedReply reply = parsed(23);
        assertFalse(reply.hasCalls());
        assertEquals(1, reply.warnings().size());
    }

    @Test
    void jsonBlocksShapedLikeSpecsAndOutputs() {
        ParsedReply spec = parsed(16);
        assertEquals("calculate_lead_score", spec.specs().get(0).name());
        assertTrue(spec.warnings().get(0).contains("read as a function specification"));
        ParsedReply output = parsed(7);
        assertFalse(output.hasCalls());
        assertTrue(output.warnings().get(0).contains("shaped like a function_output"));
        ParsedReply data = parsed(6);
        assertFalse(data.hasCalls());
        assertTrue(data.specs().isEmpty());
        assertTrue(data.warnings().isEmpty());
    }

    @Test
    void codeWithSpecFromTheLargerModel() {
        ParsedReply reply = parsed(42);
        assertEquals(1, reply.pythonBlocks().size());
        assertTrue(reply.pythonBlocks().get(0).startsWith("def calculate_lead_score(job_title, country, company_size):"));
        assertEquals(1, reply.specs().size());
        assertNull(reply.specs().get(0).problem());
        assertEquals(2, reply.specs().get(0).spec().get("examples").size());
        assertTrue(reply.warnings().isEmpty());
    }

    @Test
    void parallelCallsKeepTheirNumericIds() {
        ParsedReply reply = parsed(29);
        assertEquals(List.of("1", "2", "3"), reply.calls().stream().map(FunctionCall::idText).toList());
        assertTrue(reply.calls().stream().allMatch(c -> c.id().isInt() && c.repairs().isEmpty()));
        assertTrue(reply.visibleText().startsWith("Okay, I can help with that."));
    }
}
