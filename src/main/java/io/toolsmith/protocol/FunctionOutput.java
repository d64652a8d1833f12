package io.toolsmith.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Json;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The app's answer to one call: the call's id (same JSON type as the model wrote it) and either a result or an
 * error. Only the app writes function_output blocks.
 */
public record FunctionOutput(JsonNode id, JsonNode result, ErrorInfo error) {
    public FunctionOutput {
        Objects.requireNonNull(id, "id");
        if ((result == null) == (error == null)) {
            throw new IllegalArgumentException("A function output has either a result or an error.");
        }
    }

    public static FunctionOutput result(JsonNode id, JsonNode value) {
        return new FunctionOutput(id, value == null ? NullNode.getInstance() : value, null);
    }

    /** A result from a plain Java value (string, number, map, list…), converted with the project's mapper. */
    public static FunctionOutput result(JsonNode id, Object value) {
        return result(id, (JsonNode) Json.MAPPER.valueToTree(value));
    }

    public static FunctionOutput error(JsonNode id, String name, String message) {
        return new FunctionOutput(id, null, new ErrorInfo(name, message));
    }

    public boolean isError() {
        return error != null;
    }

    /** The JSON object inside the block: id first, then result or error. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("id", id);
        if (error != null) {
            ObjectNode err = node.putObject("error");
            err.put("name", error.name());
            err.put("message", error.message());
        } else {
            node.set("result", result);
        }
        return node;
    }

    public String toBlock() {
        return "```function_output\n" + PrettyJson.write(toJson()) + "\n```";
    }

    /** The next user message: one block per output, separated by a blank line. */
    public static String toMessage(List<FunctionOutput> outputs) {
        return outputs.stream().map(FunctionOutput::toBlock).collect(Collectors.joining("\n\n"));
    }
}
