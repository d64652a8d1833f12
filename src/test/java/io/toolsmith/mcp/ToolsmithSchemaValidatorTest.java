package io.toolsmith.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator.ValidationResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SDK's default validator needs a JSON Schema library that clashes with Toolsmith's and is left out of the
 * build, so it cannot be picked up silently; Toolsmith's own checks schemas, and refuses remote references.
 */
class ToolsmithSchemaValidatorTest {
    private final ToolsmithSchemaValidator validator = new ToolsmithSchemaValidator();
    private final Map<String, Object> schema = Map.of("type", "object",
            "properties", Map.of("result", Map.of("type", "integer")), "required", List.of("result"));

    @Test
    void theSdksDefaultValidatorIsNotAvailable() {
        assertThrows(Throwable.class, () -> McpJsonDefaults.getSchemaValidator().validate(schema, Map.of("result", 1)));
    }

    @Test
    void aMatchingValueIsValidAndComesBackAsJson() {
        ValidationResponse response = validator.validate(schema, Map.of("result", 3));
        assertTrue(response.valid(), response.errorMessage());
        assertEquals("{\"result\":3}", response.jsonStructuredOutput());
    }

    @Test
    void aMismatchIsNamedInToolsmithsWords() {
        ValidationResponse response = validator.validate(schema, Map.of("result", "three"));
        assertFalse(response.valid());
        assertTrue(response.errorMessage().startsWith("Toolsmith's schema check found: ")
                && response.errorMessage().contains("/result"), response.errorMessage());
    }

    @Test
    void aReferenceToTheNetworkIsNotFetched() {
        ValidationResponse response = validator.validate(Map.of("$ref", "http://127.0.0.1:9/schema.json"), Map.of());
        assertFalse(response.valid());
        assertTrue(response.errorMessage().contains("not usable"), response.errorMessage());
    }
}
