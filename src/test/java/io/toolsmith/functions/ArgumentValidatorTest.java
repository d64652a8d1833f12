package io.toolsmith.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Json;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Arguments are checked against the spec's parameters schema before anything runs. */
class ArgumentValidatorTest {
    private final ArgumentValidator validator = new ArgumentValidator();
    private final ObjectNode spec = Fixtures.spec("record_expense");

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void validArgumentsPass() throws Exception {
        assertEquals(Optional.empty(), validator.validate(spec,
                json("{\"date\": \"2025-07-07\", \"category\": \"Travel\", \"amount\": 300.0}")));
        assertEquals(Optional.empty(), validator.validate(Fixtures.spec("list_expenses"), null));
    }

    @Test
    void wrongTypeNamesTheParameterAndTheRule() throws Exception {
        String sentence = validator.validate(spec,
                json("{\"date\": \"2025-07-07\", \"category\": \"Travel\", \"amount\": \"300\"}")).orElseThrow();
        assertEquals("The call to record_expense was not run because its arguments are invalid: "
                + "amount: expected number, got string.", sentence);
    }

    @Test
    void missingRequiredParameter() throws Exception {
        String sentence = validator.validate(spec, json("{\"category\": \"Travel\", \"amount\": 3}")).orElseThrow();
        assertTrue(sentence.contains("date: required parameter is missing"), sentence);
    }

    @Test
    void extraParameterIsRefused() throws Exception {
        String sentence = validator.validate(spec,
                json("{\"date\": \"2025-07-07\", \"category\": \"Travel\", \"amount\": 3, \"currency\": \"INR\"}"))
                .orElseThrow();
        assertTrue(sentence.contains("currency: no such parameter (record_expense takes amount, category, date, "
                + "description)"), sentence);
    }

    @Test
    void parameterInTheSpecButNotInTheSignatureIsRefused() throws Exception {
        String sentence = validator.validate(spec,
                json("{\"date\": \"2025-07-07\", \"category\": \"Travel\", \"amount\": 3, \"description\": \"x\"}"),
                List.of("date", "category", "amount")).orElseThrow();
        assertTrue(sentence.contains("description: no such parameter"), sentence);
    }

    @Test
    void formatEnumAndNonObjectArguments() throws Exception {
        String date = validator.validate(spec,
                json("{\"date\": \"7th July\", \"category\": \"Travel\", \"amount\": 3}")).orElseThrow();
        assertTrue(date.contains("date: "), date);
        ObjectNode withEnum = spec.deepCopy();
        ((ObjectNode) withEnum.at("/parameters/properties/category")).putArray("enum").add("Food").add("Travel");
        String category = validator.validate(withEnum,
                json("{\"date\": \"2025-07-07\", \"category\": \"Rent\", \"amount\": 3}")).orElseThrow();
        assertTrue(category.contains("category: must be one of [\"Food\", \"Travel\"]"), category);
        String array = validator.validate(spec, json("[1, 2]")).orElseThrow();
        assertTrue(array.contains("must be a JSON object of named parameters"), array);
    }

    @Test
    void remoteReferencesAreNotFetched() throws Exception {
        try (okhttp3.mockwebserver.MockWebServer server = new okhttp3.mockwebserver.MockWebServer()) {
            server.enqueue(new okhttp3.mockwebserver.MockResponse().setBody("{\"type\": \"string\"}"));
            server.start();
            ObjectNode remote = spec.deepCopy();
            ((ObjectNode) remote.at("/parameters/properties/category")).removeAll()
                    .put("$ref", server.url("/category.json").toString());
            String sentence = validator.validate(remote,
                    json("{\"date\": \"2025-07-07\", \"category\": \"Travel\", \"amount\": 3}")).orElseThrow();
            assertTrue(sentence.contains("not a usable JSON Schema"), sentence);
            assertEquals(0, server.getRequestCount(), "nothing was fetched");
        }
    }

    @Test
    void argumentsNestedPastTheLimitAreRefusedBeforeTheSchemaWalksThem() throws Exception {
        JsonNode deep = json("{\"date\": \"2025-07-07\", \"category\": \"Travel\", \"amount\": 3, \"description\": "
                + "[".repeat(900) + "]".repeat(900) + "}");
        assertEquals(Optional.of("The arguments of record_expense are nested deeper than 64 levels, so it was not run; "
                + "pass flatter data."), validator.validate(spec, deep));
    }
}
