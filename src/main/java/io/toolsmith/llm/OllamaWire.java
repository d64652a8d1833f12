package io.toolsmith.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Json;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Ollama's native JSON shapes: request bodies out, chunks, model lists and model details in. */
final class OllamaWire {
    private OllamaWire() {
    }

    static ObjectNode chatBody(ChatRequest request) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        request.messages().forEach(m -> messages.add(message(m)));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            request.tools().forEach(t -> tools.add(tool(t)));
        }
        ChatOptions o = request.options();
        ObjectNode options = Json.MAPPER.createObjectNode();
        if (o.numCtx() != null) {
            options.put("num_ctx", o.numCtx());
        }
        if (o.temperature() != null) {
            options.put("temperature", o.temperature());
        }
        if (o.topP() != null) {
            options.put("top_p", o.topP());
        }
        if (o.seed() != null) {
            options.put("seed", o.seed());
        }
        if (o.maxTokens() != null) {
            options.put("num_predict", o.maxTokens());
        }
        if (!options.isEmpty()) {
            body.set("options", options);
        }
        // The server streams when the field is absent; sent anyway so the intent is on the wire.
        body.put("stream", true);
        if (o.keepAlive() != null) {
            body.put("keep_alive", o.keepAlive());
        }
        return body;
    }

    static ObjectNode tool(ToolSpec spec) {
        ObjectNode tool = Json.MAPPER.createObjectNode();
        tool.put("type", "function");
        ObjectNode function = tool.putObject("function");
        function.put("name", spec.name());
        if (spec.description() != null) {
            function.put("description", spec.description());
        }
        function.set("parameters", spec.parameters() == null
                ? Json.MAPPER.createObjectNode().put("type", "object") : spec.parameters());
        return tool;
    }

    private static ObjectNode message(ChatMessage m) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("role", m.role());
        node.put("content", m.content());
        if (!m.images().isEmpty()) {
            ArrayNode images = node.putArray("images");
            m.images().forEach(i -> images.add(Images.bareBase64(i)));
        }
        if (!m.toolCalls().isEmpty()) {
            ArrayNode calls = node.putArray("tool_calls");
            for (int i = 0; i < m.toolCalls().size(); i++) {
                ToolCall call = m.toolCalls().get(i);
                ObjectNode c = calls.addObject();
                if (call.id() != null) {
                    c.put("id", call.id());
                }
                ObjectNode f = c.putObject("function");
                f.put("index", i);
                f.put("name", call.name());
                f.set("arguments", call.arguments());
            }
        }
        if (m.toolName() != null) {
            node.put("tool_name", m.toolName());
        }
        if (m.toolCallId() != null) {
            node.put("tool_call_id", m.toolCallId());
        }
        return node;
    }

    /** Tool calls of one chunk; {@code id} and {@code index} are absent on servers older than 0.12.10. */
    static List<ToolCall> toolCalls(JsonNode array) {
        List<ToolCall> calls = new ArrayList<>();
        if (array == null || !array.isArray()) {
            return calls;
        }
        for (JsonNode c : array) {
            JsonNode f = c.path("function");
            JsonNode args = f.get("arguments");
            ObjectNode arguments;
            if (args != null && args.isObject()) {
                arguments = (ObjectNode) args;
            } else if (args != null && args.isTextual()) {
                arguments = parseArguments(args.asText());
            } else {
                arguments = Json.MAPPER.createObjectNode();
            }
            calls.add(new ToolCall(text(c, "id"), text(f, "name"), arguments));
        }
        return calls;
    }

    static ObjectNode parseArguments(String text) {
        if (text == null || text.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (java.io.IOException e) {
            // fall through: keep the text so nothing the model wrote is lost
        }
        ObjectNode raw = Json.MAPPER.createObjectNode();
        raw.put("_unparsed", text);
        return raw;
    }

    static ChatStats stats(JsonNode chunk) {
        return new ChatStats(chunk.path("prompt_eval_count").asLong(0), chunk.path("eval_count").asLong(0),
                chunk.path("eval_duration").asLong(0), chunk.path("total_duration").asLong(0));
    }

    static List<ModelInfo> models(JsonNode tags) {
        List<ModelInfo> models = new ArrayList<>();
        for (JsonNode m : tags.path("models")) {
            JsonNode d = m.path("details");
            String name = text(m, "name");
            models.add(new ModelInfo(name == null ? text(m, "model") : name, m.path("size").asLong(0),
                    time(text(m, "modified_at")), text(d, "family"), text(d, "parameter_size"),
                    text(d, "quantization_level"), capabilities(m.get("capabilities"))));
        }
        return models;
    }

    static ModelDetails details(String model, JsonNode show) {
        JsonNode info = show.path("model_info");
        Integer contextLength = null;
        String arch = text(info, "general.architecture");
        if (arch != null && info.path(arch + ".context_length").canConvertToInt()) {
            contextLength = info.path(arch + ".context_length").asInt();
        } else if (show.path("details").path("context_length").canConvertToInt()) {
            contextLength = show.path("details").path("context_length").asInt();
        }
        String family = text(show.path("details"), "family");
        return new ModelDetails(model, family == null ? arch : family, capabilities(show.get("capabilities")),
                contextLength, text(show, "template"));
    }

    static Set<String> capabilities(JsonNode array) {
        Set<String> set = new LinkedHashSet<>();
        if (array != null) {
            array.forEach(c -> set.add(c.asText().toLowerCase(Locale.ROOT)));
        }
        return set;
    }

    static OffsetDateTime time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A string field, or null when absent, null or not text. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
