package io.toolsmith.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolsmith.functions.FunctionLibrary;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.util.List;
import java.util.Map;

/**
 * {@code propose_function(code, spec)}: a host's model writes a tool. It lands in the library as pending, exactly
 * like code the chat's model wrote, and runs only after the user approved it in Toolsmith.
 */
final class FunctionProposals {
    static final String NAME = "propose_function";
    private static final int MAX_CODE = 256 * 1024;

    private final FunctionLibrary library;

    FunctionProposals(FunctionLibrary library) {
        this.library = library;
    }

    static McpSchema.Tool tool() {
        Map<String, Object> schema = Json.MAPPER.convertValue(Json.MAPPER.createObjectNode()
                .put("type", "object")
                .<ObjectNode>set("properties", Json.MAPPER.createObjectNode()
                        .<ObjectNode>set("code", Json.MAPPER.createObjectNode().put("type", "string")
                                .put("description", "Python source defining the function (standard library only)."))
                        .set("spec", Json.MAPPER.createObjectNode().put("type", "object")
                                .put("description", "The function's spec: name, description, parameters (a JSON "
                                        + "Schema of named parameters), responses, errors, examples.")))
                .set("required", Json.MAPPER.createArrayNode().add("code").add("spec")), new TypeReference<>() {
                });
        return McpSchema.Tool.builder(NAME)
                .description("Propose a new Python function for Toolsmith's library. It is stored as pending and "
                        + "the user reviews its code and spec in Toolsmith; it appears in the tool list and can be "
                        + "called only after the user approved it.")
                .inputSchema(schema)
                .annotations(new McpSchema.ToolAnnotations(null, false, false, true, false, null))
                .build();
    }

    McpSchema.CallToolResult propose(Map<String, Object> arguments) {
        Object code = arguments == null ? null : arguments.get("code");
        JsonNode spec = arguments == null ? null : Json.MAPPER.valueToTree(arguments.get("spec"));
        if (!(code instanceof String text) || text.isBlank()) {
            return refused("propose_function needs \"code\": the function's Python source as a string.");
        }
        if (text.length() > MAX_CODE) {
            return refused("The proposed code is longer than " + MAX_CODE + " characters; propose a smaller function.");
        }
        if (spec == null || !spec.isObject()) {
            return refused("propose_function needs \"spec\": the function's spec as a JSON object with its name, "
                    + "description, parameters and responses.");
        }
        String name = spec.path("name").asText("");
        try {
            List<String> defined = library.definedFunctions(text);
            if (!defined.contains(name)) {
                return refused("The spec names '" + name + "', but the code defines "
                        + (defined.isEmpty() ? "no public function" : String.join(", ", defined))
                        + "; nothing was stored. Name the function in the spec exactly as in the code.");
            }
            library.addCode(text);
            library.addSpec((ObjectNode) spec);
        } catch (UserFacingException e) {
            return refused(e.getMessage());
        }
        return McpSchema.CallToolResult.builder().addTextContent(name + " is waiting for review in Toolsmith. The "
                + "user reviews its code and spec there; once approved it appears in the tool list and can be called.")
                .isError(false).build();
    }

    private static McpSchema.CallToolResult refused(String sentence) {
        return McpSchema.CallToolResult.builder().addTextContent(sentence).isError(true).build();
    }
}
