package io.toolsmith.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.util.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class LenientJsonTest {

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void validJsonNeedsNoRepair() throws Exception {
        LenientJson.Repaired r = LenientJson.parse("{\"a\": [1, 2], \"b\": \"x}\"}");
        assertEquals(json("{\"a\": [1, 2], \"b\": \"x}\"}"), r.value());
        assertEquals(List.of(), r.repairs());
    }

    @Test
    void trailingCommas() throws Exception {
        LenientJson.Repaired r = LenientJson.parse("{\"a\": [1, 2,], \"b\": 3,}");
        assertEquals(json("{\"a\": [1, 2], \"b\": 3}"), r.value());
        assertEquals(List.of("ignored a trailing comma"), r.repairs());
    }

    @Test
    void comments() throws Exception {
        LenientJson.Repaired r = LenientJson.parse("{\n  // the city\n  \"city\": \"Pune\", /* days */ \"days\": 3\n}");
        assertEquals(json("{\"city\": \"Pune\", \"days\": 3}"), r.value());
        assertEquals(List.of("ignored comments"), r.repairs());
    }

    @Test
    void commentMarkersInsideStringsAreText() throws Exception {
        LenientJson.Repaired r = LenientJson.parse("{\"url\": \"http://x.org/*a*/\"}");
        assertEquals("http://x.org/*a*/", r.value().get("url").asText());
        assertEquals(List.of(), r.repairs());
    }

    @Test
    void missingClosingBracesAndBrackets() throws Exception {
        LenientJson.Repaired one = LenientJson.parse("{\"id\": 1, \"parameters\": {\"a\": \"}\"}");
        assertEquals(json("{\"id\": 1, \"parameters\": {\"a\": \"}\"}}"), one.value());
        assertEquals(List.of("added a missing closing brace at the end"), one.repairs());

        LenientJson.Repaired mixed = LenientJson.parse("{\"xs\": [1, {\"y\": [2");
        assertEquals(json("{\"xs\": [1, {\"y\": [2]}]}"), mixed.value());
        assertEquals(List.of("added 2 missing closing braces and 2 missing closing brackets at the end"),
                mixed.repairs());
    }

    @Test
    void stringCutOffAtTheEnd() throws Exception {
        LenientJson.Repaired r = LenientJson.parse("{\"note\": \"half a sent");
        assertEquals("half a sent", r.value().get("note").asText());
        assertEquals(List.of("closed a string that was cut off at the end", "added a missing closing brace at the end"),
                r.repairs());
    }

    @Test
    void proseAndStrayBackticksAround() throws Exception {
        LenientJson.Repaired r = LenientJson.parse("Here is the call:\n{\"a\": 1}\n```\nHope that helps.");
        assertEquals(json("{\"a\": 1}"), r.value());
        assertEquals(List.of("ignored text before the JSON", "ignored text after the JSON"), r.repairs());
    }

    @Test
    void proseOpeningWithABracket() throws Exception {
        LenientJson.Repaired r = LenientJson.parse("[Call] {\"id\": 1, \"function\": \"f\"}");
        assertEquals(json("{\"id\": 1, \"function\": \"f\"}"), r.value());
        assertEquals(List.of("ignored text before the JSON"), r.repairs());
    }

    @Test
    void singleQuotesAndRawLineBreaks() throws Exception {
        LenientJson.Repaired r = LenientJson.parse("{'a': 'it\"s', \"b\": \"two\nlines\"}");
        assertEquals("it\"s", r.value().get("a").asText());
        assertEquals("two\nlines", r.value().get("b").asText());
        assertEquals(List.of("read single-quoted strings", "accepted a raw line break or tab inside a string"),
                r.repairs());
    }

    @Test
    void severalValuesInSequence() throws Exception {
        List<LenientJson.Repaired> values = LenientJson.parseSequence("{\"id\": 1}\n\n{\"id\": 2,}\n");
        assertEquals(2, values.size());
        assertEquals(2, values.get(1).value().get("id").asInt());
        assertEquals(List.of("ignored a trailing comma"), values.get(1).repairs());
    }

    @Test
    void garbageGivesASentence() {
        LenientJsonException e = assertThrows(LenientJsonException.class,
                () -> LenientJson.parse("{\"id\": 1, \"function\": get_weather}"));
        assertTrue(e.getMessage().startsWith("The JSON could not be read at line 1, column "), e.getMessage());
        assertTrue(e.getMessage().endsWith("Write one valid JSON object."), e.getMessage());
        assertThrows(LenientJsonException.class, () -> LenientJson.parse("{\"function\": f, \"parameters\": {\"a\": 1}}"));
        assertThrows(LenientJsonException.class, () -> LenientJson.parse("   "));
        assertThrows(LenientJsonException.class, () -> LenientJson.parse("call get_weather please"));
    }

    @Test
    void thousandsOfNestedBracketsGiveASentence() {
        for (String text : List.of("[".repeat(5_000), "[".repeat(5_000) + "]".repeat(5_000),
                "{\"name\": \"f\", \"arguments\": {\"a\": " + "[".repeat(3_000) + "1" + "]".repeat(3_000) + "}}",
                "{\"a\": " + "{\"b\": ".repeat(2_000) + "1" + "}".repeat(2_000) + "}")) {
            LenientJsonException e = assertThrows(LenientJsonException.class, () -> LenientJson.parse(text));
            assertEquals("The JSON is nested deeper than 64 levels; write flatter data.", e.getMessage());
        }
    }

    @Test
    void aCallWhoseArgumentsReachTheLimitIsStillRead() throws Exception {
        // A list of calls and the call object wrap the arguments, whose own limit is checked before the call runs.
        String arguments = "{\"a\": " + "[".repeat(63) + "1" + "]".repeat(63) + "}";
        String text = "[{\"name\": \"f\", \"arguments\": " + arguments + "}]";
        assertEquals(json(text), LenientJson.parse(text).value());
        assertThrows(LenientJsonException.class, () -> LenientJson.parse("{\"calls\": " + text + "}"));
        String inString = "{\"a\": \"" + "[".repeat(5_000) + "\"}";
        assertEquals(5_000, LenientJson.parse(inString).value().get("a").asText().length());
    }
}
