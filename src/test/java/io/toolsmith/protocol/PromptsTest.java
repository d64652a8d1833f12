package io.toolsmith.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.toolsmith.util.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every rule of the block protocol must be stated in the prompts; each is checked by a phrase that states it. */
class PromptsTest {

    private static String flat(String text) {
        return text.replaceAll("\\s+", " ");
    }

    private static void assertStates(String prompt, String rule, String... phrases) {
        for (String phrase : phrases) {
            assertTrue(prompt.contains(phrase), rule + ": missing \"" + phrase + "\"");
        }
    }

    /** PROTOCOL's rules for the function-calling instructions, numbered as there, each by the phrases that state it. */
    @Test
    void functionCallingStatesEveryRule() {
        String p = flat(Prompts.functionCalling());
        assertStates(p, "1 only described functions, none invented",
                "Use only the functions described in `function_spec` blocks", "Never invent a function");
        assertStates(p, "2 a function_call block with a fresh id; parallel; dependent calls one reply at a time; order",
                "write a fenced block labelled `function_call`", "fresh `id`",
                "Independent calls may go together in one reply",
                "Calls that depend on each other go one reply at a time",
                "The calls in one reply may run in any order");
        assertStates(p, "3 one output per call, same id, result or error, never written by the model",
                "in the next user message with **one `function_output` block per call**", "**same `id`** as the call",
                "either a `result` or an `error`", "Never write a `function_output` block yourself");
        assertStates(p, "4 ask, don't guess", "When information is missing, ask the user instead of guessing");
        assertStates(p, "5 consider needs, functions, dependencies; thinking block",
                "Before acting, consider what the user needs, which functions help, and how the calls depend on each other",
                "fenced block labelled `thinking`");
        assertStates(p, "6 final answer in plain language from the outputs",
                "answer the user's request in plain language, using the results");
        assertStates(p, "find_functions", "`find_functions` is always there", "`query`");
    }

    /** PROTOCOL's rules for the function-writing instructions, numbered as there. */
    @Test
    void functionWritingStatesEveryRule() throws Exception {
        String p = flat(Prompts.functionWriting());
        assertStates(p, "code, spec or both", "(a) its Python code, (b) its specification, or both in the same reply");
        assertStates(p, "1 python, callable, no globals", "Python only: callable functions, not classes or scripts",
                "No global variables");
        assertStates(p, "2 pickle in ~/data", "Persistent data is kept as pickle files in the `~/data/` folder");
        assertStates(p, "3 no examples, no printing", "No example calls, no printing of results: functions return their results.");
        assertStates(p, "4 custom exceptions", "Raise errors as custom exceptions with a clear name and message",
                "never print or swallow them");
        assertStates(p, "examples with expected results",
                "Give each example in the spec the result it should return as `expected`, or the name of the "
                        + "exception it should raise as `expected_error`",
                "the user runs the examples on a copy of their data before approving",
                "Leave both out only when the result depends on data already stored");
        assertStates(p, "5 spec blocks", "its own fenced block labelled `function_spec` (not `json`)",
                "one block per function", "a valid JSON object that follows this JSON Schema",
                "describe your function; do not copy the schema");
        assertFalse(p.contains(Prompts.SCHEMA_PLACEHOLDER));
        JsonNode schema = Json.MAPPER.readTree(Prompts.functionSchema());
        assertTrue(p.contains(schema.get("properties").toString()), "every field of the schema, on one line");
        assertTrue(p.contains("\"required\":" + schema.get("required")), "and which fields are required");
        assertFalse(p.contains(schema.get("title").asText()), "not the file's own title");
    }

    @Test
    void examplesInThePromptsFollowTheProtocol() throws Exception {
        ReplyParser parser = new ReplyParser();
        ParsedReply calling = parser.parse(Prompts.functionCalling());
        assertEquals(2, calling.calls().size());
        assertEquals(1, calling.calls().stream().filter(c -> c.function().equals("find_functions")).count(),
                "the built-in find_functions is shown with an example call");
        assertTrue(calling.calls().stream().allMatch(c -> c.repairs().isEmpty()));
        assertTrue(calling.malformed().isEmpty());
        assertEquals("get_exchange_rate", calling.specs().get(0).name());
        assertEquals(1, calling.thinking().size());

        ParsedReply writing = parser.parse(Prompts.functionWriting());
        assertEquals(1, writing.pythonBlocks().size());
        assertEquals(1, writing.specs().size());
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Json.MAPPER.readTree(Prompts.functionSchema()));
        assertEquals(java.util.Set.of(), schema.validate(writing.specs().get(0).spec()));
        assertEquals("InvalidAmountError", writing.specs().get(0).spec().at("/examples/1/expected_error").asText(),
                "the example spec shows an expected error");
        assertTrue(flat(Prompts.functionWriting()).contains("relative tolerance of 1e-6"), "the schema says how numbers compare");
    }

    @Test
    void specsRenderAsBlocksThatParseBack() throws Exception {
        List<JsonNode> specs = List.of(
                Json.MAPPER.readTree("{\"name\": \"a\", \"description\": \"A.\", \"parameters\": {\"type\": \"object\"}}"),
                Json.MAPPER.readTree("{\"name\": \"b\", \"description\": \"B.\", \"parameters\": {\"type\": \"object\"}}"));
        String text = Prompts.specsBlock(specs);
        assertTrue(text.startsWith("```function_spec\n{\n  \"name\": \"a\","), text);
        ParsedReply back = new ReplyParser().parse(text);
        assertEquals(specs, back.specs().stream().map(SpecBlock::spec).toList());
    }
}
