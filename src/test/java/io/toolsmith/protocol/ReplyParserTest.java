package io.toolsmith.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyParserTest {
    private final ReplyParser parser = new ReplyParser();

    private static String block(String label, String content) {
        return "```" + label + "\n" + content + "\n```\n";
    }

    @Test
    void plainCallWithStringId() {
        ParsedReply r = parser.parse("Let me check.\n\n" + block("function_call",
                "{\"id\": \"w-1\", \"function\": \"fetch_weather\", \"parameters\": {\"place\": \"Pune\"}}"));
        FunctionCall call = r.calls().get(0);
        assertTrue(call.id().isTextual());
        assertEquals("w-1", call.idText());
        assertEquals("fetch_weather", call.function());
        assertEquals("Pune", call.arguments().get("place").asText());
        assertEquals(CallSource.FUNCTION_CALL, call.source());
        assertEquals(List.of(), call.repairs());
        assertEquals(3, r.blocks().get(0).startLine());
        assertTrue(r.hasCalls());
    }

    @Test
    void lenientCalls() {
        ParsedReply r = parser.parse(block("function_call", "{\"id\": 7, \"function\": \"a\", \"parameters\": {\"x\": 1,},}")
                + block("function_call", "{\n  // first\n  \"id\": 8, \"function\": \"b\", \"parameters\": {}\n}")
                + block("function_call", "{\"id\": 9, \"function\": \"c\", \"parameters\": {\"y\": 2}")
                + block("function_call", "{\"id\": 10, \"function\": \"d\"}"));
        assertEquals(4, r.calls().size());
        assertEquals(List.of("ignored a trailing comma"), r.calls().get(0).repairs());
        assertTrue(r.calls().get(0).id().isInt());
        assertEquals(List.of("ignored comments"), r.calls().get(1).repairs());
        assertEquals(List.of("added a missing closing brace at the end"), r.calls().get(2).repairs());
        assertEquals(2, r.calls().get(2).arguments().get("y").asInt());
        assertTrue(r.calls().get(3).arguments().isEmpty());
        assertEquals(List.of("used empty parameters because the call had none"), r.calls().get(3).repairs());
    }

    @Test
    void malformedCallsExplainThemselves() {
        ParsedReply r = parser.parse(block("function_call", "{\"id\": 1, \"parameters\": {\"a\": 1}}")
                + block("function_call", "id=2 call weather(Pune)")
                + block("function_call", "{\"id\": \"x\", \"function\": \"f\", \"parameters\": [1, 2]}"));
        assertTrue(r.calls().isEmpty());
        assertTrue(r.hasCalls());
        MalformedCall noFunction = r.malformed().get(0);
        assertEquals(1, noFunction.id().asInt());
        assertNull(noFunction.function());
        assertTrue(noFunction.problem().startsWith("The function_call block has no \"function\" field."));
        MalformedCall garbage = r.malformed().get(1);
        assertEquals("call_1", garbage.id().asText(), "an answer needs an id, so one is made up");
        assertTrue(garbage.problem().startsWith("The function_call block on line 4 is not valid JSON. "),
                garbage.problem());
        assertTrue(garbage.problem().endsWith("so this answer uses the id \"call_1\"; give every call its own id."),
                garbage.problem());
        MalformedCall array = r.malformed().get(2);
        assertEquals("f", array.function());
        assertEquals("The \"parameters\" of the call to f must be a JSON object of named arguments, but it is an array.",
                array.problem());
    }

    @Test
    void missingIdGetsOneAndNearMissesAreRepaired() {
        ParsedReply r = parser.parse(block("function_call", "{\"name\": \"f\", \"arguments\": \"{\\\"a\\\": 1}\"}"));
        FunctionCall call = r.calls().get(0);
        assertEquals("f", call.function());
        assertEquals(1, call.arguments().get("a").asInt());
        assertEquals("call_1", call.idText());
        assertEquals(List.of("read \"name\" as \"function\"", "read \"arguments\" as \"parameters\"",
                "read parameters that were written as a JSON string",
                "gave the call the id \"call_1\" because it had none"), call.repairs());
    }

    @Test
    void severalCallsInOneBlock() {
        ParsedReply r = parser.parse(block("function_call",
                "{\"id\": 1, \"function\": \"a\", \"parameters\": {}}\n{\"id\": 2, \"function\": \"b\", \"parameters\": {}}")
                + block("function_call", "[{\"id\": 3, \"function\": \"c\", \"parameters\": {}}]"));
        assertEquals(List.of("a", "b", "c"), r.calls().stream().map(FunctionCall::function).toList());
        assertEquals(List.of("read a list of calls from one block"), r.calls().get(2).repairs());
    }

    @Test
    void duplicateIdsAreWarned() {
        ParsedReply r = parser.parse(block("function_call", "{\"id\": 1, \"function\": \"a\", \"parameters\": {}}")
                + block("function_call", "{\"id\": \"1\", \"function\": \"b\", \"parameters\": {}}"));
        assertEquals(List.of("Two calls in the reply share the id 1; each call should have its own id."), r.warnings());
    }

    @Test
    void modelWrittenOutputIsOnlyAWarning() {
        ParsedReply r = parser.parse("Done.\n" + block("function_output", "{\"id\": 1, \"result\": 42}"));
        assertFalse(r.hasCalls());
        assertEquals(List.of("The reply contains a function_output block written by the model (line 2); it was ignored."),
                r.warnings());
        assertEquals("function_output", r.blocks().get(0).label());
    }

    @Test
    void jsonLabelledCallAndSpec() {
        ParsedReply r = parser.parse(block("json", "{\"id\": 5, \"function\": \"f\", \"parameters\": {\"a\": true}}")
                + block("json", "{\"name\": \"f\", \"description\": \"Does f.\", \"parameters\": {\"type\": \"object\"}}"));
        FunctionCall call = r.calls().get(0);
        assertEquals(CallSource.JSON_BLOCK, call.source());
        assertEquals(5, call.id().asInt());
        assertEquals(List.of("read a call from a json block; calls belong in function_call blocks"), call.repairs());
        assertEquals("f", r.specs().get(0).name());
        assertEquals(List.of("The json block on line 4 was read as a function specification; specifications belong "
                + "in function_spec blocks."), r.warnings());
    }

    @Test
    void unclosedFenceIsStillABlock() {
        ParsedReply r = parser.parse("Calling now.\n\n```function_call\n{\"id\": 1, \"function\": \"f\", \"parameters\": {\"q\": \"ab");
        assertFalse(r.blocks().get(0).closed());
        FunctionCall call = r.calls().get(0);
        assertEquals("ab", call.arguments().get("q").asText());
        assertEquals(List.of("closed a string that was cut off at the end",
                "added 2 missing closing braces at the end"), call.repairs());
        assertEquals(List.of("The reply ends inside an unclosed function_call block (line 3); it may have been cut off."),
                r.warnings());
    }

    @Test
    void specsCodeAndThinking() {
        ParsedReply r = parser.parse(block("thinking", "I need a function.")
                + "Here it is.\n"
                + block("py", "def f():\n    return 1")
                + block("function_spec", "{\"name\": \"f\", \"description\": \"One.\", \"parameters\": {}}")
                + block("function_spec", "[1]")
                + block("function_spec", "not json at all"));
        assertEquals(List.of("I need a function."), r.thinking());
        assertEquals(List.of("def f():\n    return 1"), r.pythonBlocks());
        assertEquals("f", r.specs().get(0).name());
        assertEquals("The function_spec block on line 12 must hold one JSON object, but it holds an array.",
                r.specs().get(1).problem());
        assertTrue(r.specs().get(2).problem().startsWith("The function_spec block on line 15 is not valid JSON."));
        assertTrue(r.visibleText().startsWith("Here it is.\n```py"), r.visibleText());
        assertFalse(r.visibleText().contains("I need a function"));
    }

    @Test
    void thinkTagsBeforeTheAnswer() {
        ParsedReply r = parser.parse("<think>\nThe user wants rates.\n</think>\n\nSure.\n"
                + block("function_call", "{\"id\": 1, \"function\": \"rate\", \"parameters\": {}}"));
        assertEquals(List.of("The user wants rates."), r.thinking());
        assertEquals(6, r.blocks().get(0).startLine());
        assertTrue(r.visibleText().startsWith("Sure."));
    }

    @Test
    void fencesInsideListsAndLongerFences() {
        ParsedReply r = parser.parse("1. First:\n\n   ```function_call\n   {\"id\": 1, \"function\": \"a\", \"parameters\": {}}\n   ```\n"
                + "\n````function_call\n{\"id\": 2, \"function\": \"b\", \"parameters\": {\"s\": \"```\"}}\n````\n");
        assertEquals(List.of("a", "b"), r.calls().stream().map(FunctionCall::function).toList());
        assertEquals("```", r.calls().get(1).arguments().get("s").asText());
    }

    @Test
    void nativeToolCallsFromTheServer() throws Exception {
        ParsedReply r = parser.parse("Looking it up.", io.toolsmith.util.Json.MAPPER.readTree(
                "[{\"id\": \"call_k3j9x0ab\", \"function\": {\"index\": 0, \"name\": \"get_weather\","
                + " \"arguments\": {\"city\": \"Tokyo\"}}}, {\"function\": {\"name\": \"now\"}},"
                + " {\"function\": {\"arguments\": {}}}]"));
        assertEquals(2, r.calls().size());
        assertEquals("call_k3j9x0ab", r.calls().get(0).idText());
        assertEquals(CallSource.NATIVE, r.calls().get(0).source());
        assertEquals("Tokyo", r.calls().get(0).arguments().get("city").asText());
        assertEquals("now", r.calls().get(1).function());
        assertTrue(r.calls().get(1).arguments().isEmpty());
        assertTrue(r.malformed().get(0).problem().startsWith("The native tool call block has no \"function\" field."));
        assertEquals("Looking it up.", r.visibleText());
    }

    @Test
    void emptyAndNullReplies() {
        assertFalse(parser.parse("").hasCalls());
        assertFalse(parser.parse(null).hasCalls());
        assertEquals("Just text.", parser.parse("Just text.").visibleText());
    }
}
