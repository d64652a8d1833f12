package io.toolsmith.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.ValidationMessage;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.toolsmith.functions.Schemas;
import io.toolsmith.protocol.Nesting;
import io.toolsmith.util.Json;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The schema checks the MCP server and client run (a result against a tool's output schema), done with Toolsmith's
 * own validator and its rules: no {@code $ref} is fetched from the network or read from a file. The SDK's default
 * validator is not on the class path at all (its JSON Schema library clashes with Toolsmith's), so every server and
 * client must be built with this one.
 */
public final class ToolsmithSchemaValidator implements JsonSchemaValidator {
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER).build();

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object content) {
        if (schema == null) {
            return ValidationResponse.asInvalid("there is no schema to check against");
        }
        JsonNode value = Json.MAPPER.valueToTree(content);
        if (Nesting.exceedsLimit(value)) {
            return ValidationResponse.asInvalid("the value is nested deeper than " + Nesting.LIMIT + " levels");
        }
        List<String> problems;
        try {
            JsonSchema compiled = Schemas.factory().getSchema(Json.MAPPER.valueToTree(schema), config);
            problems = compiled.validate(value).stream()
                    .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString()))
                    .map(ValidationMessage::getMessage).toList();
        } catch (RuntimeException e) {
            return ValidationResponse.asInvalid("the schema is not usable (" + e.getMessage() + ")");
        }
        if (!problems.isEmpty()) {
            return ValidationResponse.asInvalid("Toolsmith's schema check found: " + String.join("; ", problems));
        }
        try {
            return ValidationResponse.asValid(Json.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            return ValidationResponse.asInvalid("the value cannot be written as JSON (" + e.getOriginalMessage() + ")");
        }
    }
}
