package io.toolsmith.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.llm.ChatMessage;
import io.toolsmith.llm.ToolCall;
import io.toolsmith.llm.ToolSpec;
import io.toolsmith.util.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps between the conversation and the servers' native tool calling: specs become tools, a reply's
 * {@code tool_calls} are stored as the reply's call records, and results go back as {@code tool} messages.
 */
public final class NativeTools {
    private NativeTools() {
    }

    public static List<ToolSpec> tools(List<? extends JsonNode> specs) {
        List<ToolSpec> tools = new ArrayList<>();
        for (JsonNode spec : specs) {
            tools.add(new ToolSpec(spec.path("name").asText(), spec.path("description").asText(""),
                    spec.path("parameters").isObject() ? spec.get("parameters") : Json.MAPPER.createObjectNode().put("type", "object")));
        }
        return tools;
    }

    /** The text of a {@link Message.Kind#TOOL_RESULTS} message for these call records. */
    public static String resultsJson(List<CallRecord> records) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (CallRecord record : records) {
            ObjectNode item = array.addObject();
            item.put("id", record.idText());
            item.put("function", record.function());
            item.put("content", contentOf(record));
        }
        return array.toString();
    }

    static String contentOf(CallRecord record) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (record.ok()) {
            body.set("result", record.result());
        } else {
            body.putObject("error").put("name", record.errorName()).put("message", record.errorMessage());
        }
        return body.toString();
    }

    static ChatMessage assistantWithCalls(Message message) {
        List<ToolCall> calls = message.calls().stream()
                .map(r -> new ToolCall(r.idText(), r.function(),
                        r.arguments() == null ? Json.MAPPER.createObjectNode() : r.arguments()))
                .toList();
        return new ChatMessage("assistant", message.content(), List.of(), calls, null, null);
    }

    static List<ChatMessage> toolMessages(Message message) {
        List<ChatMessage> out = new ArrayList<>();
        try {
            for (JsonNode item : Json.MAPPER.readTree(message.content())) {
                out.add(ChatMessage.tool(item.path("function").asText(), item.path("id").asText(), item.path("content").asText()));
            }
        } catch (JsonProcessingException e) {
            // Stored by this app; unreadable only if edited by hand. Send it as text rather than lose it.
            out.add(ChatMessage.user(message.content(), List.of()));
        }
        return out;
    }
}
