package io.toolsmith.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The OpenAI chat-completions JSON shapes, as llama.cpp, LM Studio, vLLM and Ollama's /v1 accept them. */
final class OpenAiWire {
    private OpenAiWire() {
    }

    static ObjectNode chatBody(ChatRequest request) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", request.model());
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        ArrayNode messages = body.putArray("messages");
        request.messages().forEach(m -> messages.add(message(m)));
        ChatOptions o = request.options();
        if (o.temperature() != null) {
            body.put("temperature", o.temperature());
        }
        if (o.topP() != null) {
            body.put("top_p", o.topP());
        }
        if (o.seed() != null) {
            body.put("seed", o.seed());
        }
        if (o.maxTokens() != null) {
            body.put("max_tokens", o.maxTokens());
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            request.tools().forEach(t -> tools.add(OllamaWire.tool(t)));
        }
        return body;
    }

    private static ObjectNode message(ChatMessage m) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("role", m.role());
        if (m.images().isEmpty()) {
            node.put("content", m.content());
        } else {
            ArrayNode parts = node.putArray("content");
            parts.addObject().put("type", "text").put("text", m.content());
            m.images().forEach(image -> parts.addObject().put("type", "image_url")
                    .putObject("image_url").put("url", Images.dataUrl(image)));
        }
        if (!m.toolCalls().isEmpty()) {
            ArrayNode calls = node.putArray("tool_calls");
            for (int i = 0; i < m.toolCalls().size(); i++) {
                ToolCall call = m.toolCalls().get(i);
                ObjectNode c = calls.addObject();
                c.put("id", call.id() != null ? call.id() : "call_" + i);
                c.put("type", "function");
                // In this dialect the arguments travel as a JSON string, not an object.
                c.putObject("function").put("name", call.name()).put("arguments", call.arguments().toString());
            }
        }
        if (m.toolCallId() != null) {
            node.put("tool_call_id", m.toolCallId());
        } else if (m.toolName() != null) {
            node.put("name", m.toolName());
        }
        return node;
    }

    /** The entries of {@code GET /v1/models}; {@code data} may be null or missing when there are none. */
    static List<JsonNode> modelEntries(JsonNode list) {
        List<JsonNode> entries = new ArrayList<>();
        JsonNode data = list.get("data");
        if (data != null && data.isArray()) {
            data.forEach(entries::add);
        }
        return entries;
    }

    static ModelInfo model(JsonNode entry) {
        long created = entry.path("created").asLong(0);
        OffsetDateTime modified = created > 0 ? OffsetDateTime.ofInstant(Instant.ofEpochSecond(created), ZoneOffset.UTC)
                : null;
        return new ModelInfo(entry.path("id").asText(), 0, modified, null, null, null, null);
    }

    /**
     * vLLM reports {@code max_model_len}; llama.cpp the context it runs with ({@code meta.n_ctx}, what a prompt must fit
     * in) and, older versions only, the one the model was trained for ({@code meta.n_ctx_train}); others nothing.
     */
    static Integer contextLength(JsonNode entry) {
        if (entry.path("max_model_len").canConvertToInt()) {
            return entry.path("max_model_len").asInt();
        }
        if (entry.path("meta").path("n_ctx").canConvertToInt()) {
            return entry.path("meta").path("n_ctx").asInt();
        }
        if (entry.path("meta").path("n_ctx_train").canConvertToInt()) {
            return entry.path("meta").path("n_ctx_train").asInt();
        }
        return null;
    }
}
