package io.toolsmith.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What goes on the wire to /api/chat, and native tool calls coming back. */
class OllamaRequestAndToolsTest {
    private final FakeOllama ollama = FakeOllama.start();
    private final OllamaClient client = new OllamaClient(ollama.url());
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void requestCarriesExplicitStreamImagesOptionsAndKeepAlive() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10}; // 6 bytes: padding needed in base64
        String unpadded = Base64.getUrlEncoder().withoutPadding().encodeToString(png);
        ollama.enqueueReply("A picture.");

        client.chat(new ChatRequest("gemma3:12b",
                List.of(ChatMessage.system("Be terse."),
                        ChatMessage.user("What is this?", List.of("data:image/png;base64," + unpadded))),
                new ChatOptions(8192, 0.7, 0.9, 42L, "5m"), List.of()), listener, Cancellation.none());

        JsonNode body = ollama.chatRequests().get(0);
        assertTrue(body.get("stream").isBoolean());
        assertTrue(body.get("stream").asBoolean());
        assertEquals("gemma3:12b", body.get("model").asText());
        assertEquals("system", body.at("/messages/0/role").asText());
        assertEquals(Base64.getEncoder().encodeToString(png), body.at("/messages/1/images/0").asText());
        assertTrue(body.at("/options/num_ctx").isInt());
        assertEquals(8192, body.at("/options/num_ctx").asInt());
        assertEquals(0.7, body.at("/options/temperature").asDouble());
        assertEquals(0.9, body.at("/options/top_p").asDouble());
        assertTrue(body.at("/options/seed").isIntegralNumber());
        assertEquals("5m", body.get("keep_alive").asText());
        assertFalse(body.has("tools"));
    }

    @Test
    void unsetOptionsAreLeftOut() throws Exception {
        ollama.enqueueReply("ok");

        client.chat(new ChatRequest("llama3.2", List.of(ChatMessage.user("Hi"))), listener, Cancellation.none());

        JsonNode body = ollama.chatRequests().get(0);
        assertFalse(body.has("options"));
        assertFalse(body.has("keep_alive"));
        assertFalse(body.at("/messages/0").has("images"));
    }

    @Test
    void toolCallsArriveWholeWithIds() throws Exception {
        ollama.enqueueToolCalls(List.of(new ToolCall("call_k3j9x0ab", "get_weather", args("{\"city\":\"Tokyo\"}")),
                new ToolCall("call_p0q1r2s3", "get_time", args("{\"zone\":\"JST\",\"24h\":true}"))));

        ChatReply reply = client.chat(new ChatRequest("qwen3:8b", List.of(ChatMessage.user("Weather?"))), listener,
                Cancellation.none());

        assertEquals(List.of(new ToolCall("call_k3j9x0ab", "get_weather", args("{\"city\":\"Tokyo\"}")),
                new ToolCall("call_p0q1r2s3", "get_time", args("{\"zone\":\"JST\",\"24h\":true}"))), reply.toolCalls());
        assertEquals(reply.toolCalls(), listener.toolCalls);
        assertTrue(reply.complete());
        assertEquals("", reply.content());
    }

    @Test
    void toolCallsFromOldServersHaveNoId() throws Exception {
        ollama.enqueueToolCallsWithoutIds(List.of(new ToolCall(null, "get_weather", args("{\"city\":\"Paris\"}"))));

        ChatReply reply = client.chat(new ChatRequest("qwen3:8b", List.of(ChatMessage.user("Weather?"))), listener,
                Cancellation.none());

        assertNull(reply.toolCalls().get(0).id());
        assertEquals("get_weather", reply.toolCalls().get(0).name());
        assertEquals("Paris", reply.toolCalls().get(0).arguments().get("city").asText());
    }

    @Test
    void toolsAndToolResultsUseTheNativeShapes() throws Exception {
        ObjectNode parameters = args("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
                + "\"required\":[\"city\"]}");
        ToolCall call = new ToolCall("call_k3j9x0ab", "get_weather", args("{\"city\":\"Tokyo\"}"));
        ollama.enqueueReply("It is 22°C in Tokyo.");

        client.chat(new ChatRequest("qwen3:8b", List.of(ChatMessage.user("Weather in Tokyo?"),
                ChatMessage.assistant("", List.of(call)),
                ChatMessage.tool("get_weather", "call_k3j9x0ab", "22°C")),
                null, List.of(new ToolSpec("get_weather", "Get the weather in a city", parameters))),
                listener, Cancellation.none());

        JsonNode body = ollama.chatRequests().get(0);
        assertEquals("function", body.at("/tools/0/type").asText());
        assertEquals("get_weather", body.at("/tools/0/function/name").asText());
        assertEquals("Get the weather in a city", body.at("/tools/0/function/description").asText());
        assertEquals(parameters, body.at("/tools/0/function/parameters"));
        JsonNode assistant = body.at("/messages/1");
        assertTrue(assistant.at("/tool_calls/0/function/arguments").isObject());
        assertEquals("Tokyo", assistant.at("/tool_calls/0/function/arguments/city").asText());
        assertEquals("call_k3j9x0ab", assistant.at("/tool_calls/0/id").asText());
        JsonNode result = body.at("/messages/2");
        assertEquals("tool", result.get("role").asText());
        assertEquals("get_weather", result.get("tool_name").asText());
        assertEquals("call_k3j9x0ab", result.get("tool_call_id").asText());
        assertEquals("22°C", result.get("content").asText());
    }

    static ObjectNode args(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
