package io.toolsmith.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A call the model asked for. The id is kept as the JSON node the model wrote (string or number) so the
 * function_output answering it carries the same id with the same JSON type. {@code repairs} lists what had to
 * be fixed to read the call (shown to the user; the call is still run).
 */
public record FunctionCall(JsonNode id, String function, ObjectNode arguments, CallSource source, List<String> repairs) {
    public FunctionCall {
        repairs = List.copyOf(repairs);
    }

    /** The id as text: {@code "1"} for the number 1 and for the string "1". */
    public String idText() {
        return id == null || id.isNull() ? "" : id.asText();
    }
}
