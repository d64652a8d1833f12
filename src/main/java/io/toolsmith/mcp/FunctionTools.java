package io.toolsmith.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolsmith.functions.Effect;
import io.toolsmith.functions.Effects;
import io.toolsmith.functions.FunctionEntry;
import io.toolsmith.functions.FunctionStatus;
import io.toolsmith.util.Json;
import java.util.Map;

/**
 * How a library function looks to an MCP host: its spec's parameters as the input schema, its responses as the
 * output schema (under {@code result}, since MCP wants an object), and hints from what its approval lets it do.
 */
final class FunctionTools {
    /** The key of the structured result: MCP's structured content is an object, a function may return any value. */
    static final String RESULT = "result";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private FunctionTools() {
    }

    /** Whether the host may see it: approved, and the approval still matches the code and spec. */
    static boolean listed(FunctionEntry entry) {
        return entry.status() == FunctionStatus.APPROVED && entry.spec() != null && !entry.name().startsWith("_");
    }

    static McpSchema.Tool tool(FunctionEntry entry) {
        ObjectNode spec = entry.spec() == null ? Json.MAPPER.createObjectNode() : entry.spec();
        McpSchema.Tool.Builder builder = McpSchema.Tool.builder(entry.name())
                .description(spec.path("description").asText(""))
                .inputSchema(inputSchema(spec))
                .annotations(annotations(entry.approvedEffects() != null ? entry.approvedEffects() : entry.effects()));
        outputSchema(spec).ifPresent(builder::outputSchema);
        return builder.build();
    }

    static Map<String, Object> inputSchema(ObjectNode spec) {
        JsonNode parameters = spec.path("parameters");
        ObjectNode schema = parameters.isObject() ? ((ObjectNode) parameters).deepCopy() : Json.MAPPER.createObjectNode();
        if (!schema.has("type")) {
            schema.put("type", "object");
        }
        return Json.MAPPER.convertValue(schema, MAP);
    }

    /** {"type":"object","properties":{"result":{"anyOf":responses}},"required":["result"]}, or none without responses. */
    static java.util.Optional<Map<String, Object>> outputSchema(ObjectNode spec) {
        JsonNode responses = spec.path("responses");
        if (!responses.isArray() || responses.isEmpty()) {
            return java.util.Optional.empty();
        }
        for (JsonNode response : responses) {
            if (!response.isObject()) {
                return java.util.Optional.empty(); // not a schema: nothing trustworthy to promise the host
            }
        }
        ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "object");
        ObjectNode result = schema.putObject("properties").putObject(RESULT);
        if (responses.size() == 1) {
            result.setAll((ObjectNode) responses.get(0).deepCopy());
        } else {
            result.set("anyOf", (ArrayNode) responses.deepCopy());
        }
        schema.putArray("required").add(RESULT);
        return java.util.Optional.of(Json.MAPPER.convertValue(schema, MAP));
    }

    /** Read-only without a write effect; destructive when it writes the data folder; open world with network. */
    static McpSchema.ToolAnnotations annotations(Effects effects) {
        Effects known = effects == null ? Effects.ALL : effects;
        boolean writes = known.has(Effect.WRITES_DATA) || known.has(Effect.PROCESSES);
        return new McpSchema.ToolAnnotations(null, !writes, writes, null, known.has(Effect.NETWORK), null);
    }
}
