package io.toolsmith.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Json;

/**
 * A native tool call made by the model.
 *
 * @param id        the server's call id ({@code call_…}); null from servers older than Ollama 0.12.10
 * @param arguments the arguments as a JSON object (never null). When a server sent arguments that are not a
 *                  JSON object, the text is kept as {@code {"_unparsed": "…"}} so that it can be reported back.
 */
public record ToolCall(String id, String name, ObjectNode arguments) {
    public ToolCall {
        arguments = arguments == null ? Json.MAPPER.createObjectNode() : arguments;
    }
}
