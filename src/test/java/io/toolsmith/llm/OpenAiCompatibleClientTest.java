package io.toolsmith.llm;

import static io.toolsmith.testing.FakeOpenAiServer.chunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.llm.LlmException.Kind;
import io.toolsmith.testing.FakeOpenAiServer;
import io.toolsmith.util.Cancellation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Streaming chat and models over the OpenAI-compatible dialect, as the various servers write it. */
class OpenAiCompatibleClientTest {
    private static final String USAGE = "data: {\"id\":\"chatcmpl-417\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1787400900,\"model\":\"llama3.2\",\"choices\":[],"
            + "\"usage\":{\"prompt_tokens\":26,\"completion_tokens\":2,\"total_tokens\":28}}\n\n";
    private static final String DONE = "data: [DONE]\n\n";

    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    private final OpenAiCompatibleClient client = new OpenAiCompatibleClient(server.url(), null);
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void stop() {
        server.close();
    }

    private ChatReply chat() throws LlmException {
        return client.chat(new ChatRequest("llama3.2", List.of(ChatMessage.user("Hi"))), listener, Cancellation.none());
    }

    @Test
    void newFormatWithSeparateFinishChunkAndUsage() throws Exception {
        server.enqueueStream(chunk("{\"role\":\"assistant\",\"content\":\"Hél\"}", null)
                + chunk("{\"content\":\"lo 😀\"}", null) + chunk("{}", "stop") + USAGE + DONE, 3);

        ChatReply reply = chat();

        assertEquals("Héllo 😀", reply.content());
        assertTrue(reply.complete());
        assertEquals("stop", reply.doneReason());
        assertEquals(26, reply.stats().promptEvalCount());
        assertEquals(2, reply.stats().evalCount());
        assertEquals(List.of("Hél", "lo 😀"), listener.content);
    }

    @Test
    void oldFormatWithFinishReasonOnTheLastContentChunk() throws Exception {
        server.enqueueStream(chunk("{\"role\":\"assistant\",\"content\":\"Hel\"}", null)
                + chunk("{\"role\":\"assistant\",\"content\":\"lo\"}", "length") + DONE);

        ChatReply reply = chat();

        assertEquals("Hello", reply.content());
        assertEquals("length", reply.doneReason());
    }

    @Test
    void toleratesKeepAliveCommentsCrLfAndDataWithoutSpace() throws Exception {
        server.enqueueStream((": keep-alive\n\n" + "data:" + chunk("{\"content\":\"a\"}", null).substring(6)
                + "id: 7\nretry: 1000\n" + chunk("{\"content\":\"b\"}", null) + ": ping\n\n"
                + chunk("{}", "stop") + DONE).replace("\n", "\r\n"), 5);

        assertEquals("ab", chat().content());
    }

    @Test
    void reasoningUnderEitherName() throws Exception {
        server.enqueueStream(chunk("{\"reasoning\":\"Think \"}", null) + chunk("{\"reasoning_content\":\"more.\"}", null)
                + chunk("{\"content\":\"Answer\"}", "stop") + DONE);

        ChatReply reply = chat();

        assertEquals("Think more.", reply.thinking());
        assertEquals("Think more.", String.join("", listener.thinking));
        assertEquals("Answer", reply.content());
    }

    @Test
    void toolCallArgumentFragmentsAreJoinedPerIndex() throws Exception {
        server.enqueueStream(
                chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":"
                        + "\"get_weather\",\"arguments\":\"{\\\"ci\"}}]}", null)
                + chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":"
                        + "\"get_time\",\"arguments\":\"\"}}]}", null)
                + chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ty\\\": \\\"Tōkyō\\\"}\"}}]}", null)
                + chunk("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{}\"}}]}", null)
                + chunk("{}", "tool_calls") + DONE, 11);

        ChatReply reply = chat();

        assertEquals(2, reply.toolCalls().size());
        assertEquals(new ToolCall("call_a", "get_weather", OllamaRequestAndToolsTest.args("{\"city\":\"Tōkyō\"}")),
                reply.toolCalls().get(0));
        assertEquals(new ToolCall("call_b", "get_time", OllamaRequestAndToolsTest.args("{}")), reply.toolCalls().get(1));
        assertEquals("tool_calls", reply.doneReason());
        assertEquals(reply.toolCalls(), listener.toolCalls);
    }

    @Test
    void wholeToolCallsWithoutIndex() throws Exception {
        server.enqueueStream(chunk("{\"tool_calls\":[{\"id\":\"call_x\",\"type\":\"function\",\"function\":{\"name\":"
                + "\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}]}", "tool_calls") + DONE);

        ChatReply reply = chat();

        assertEquals("Oslo", reply.toolCalls().get(0).arguments().get("city").asText());
        assertEquals("call_x", reply.toolCalls().get(0).id());
    }

    @Test
    void streamEndingWithoutDoneMarkerIsIncomplete() {
        server.enqueueStream(chunk("{\"content\":\"Par\"}", null) + chunk("{}", null));
        server.enqueueCutStream(chunk("{\"content\":\"tial\"}", null));

        LlmException clean = assertThrows(LlmException.class, this::chat);
        LlmException cut = assertThrows(LlmException.class, this::chat);

        assertEquals(Kind.INCOMPLETE, clean.kind());
        assertEquals("Par", clean.partial().orElseThrow().content());
        assertFalse(clean.partial().orElseThrow().complete());
        assertEquals(Kind.INCOMPLETE, cut.kind());
        assertEquals("tial", cut.partial().orElseThrow().content());
    }

    @Test
    void errorPayloadsInTheStream() {
        server.enqueueStream(chunk("{\"content\":\"So\"}", null)
                + "data: {\"error\":{\"message\":\"context window exceeded\",\"type\":\"api_error\"}}\n\n");
        server.enqueueStream(chunk("{\"content\":\"Hm\"}", null)
                + "error: {\"message\":\"slot unavailable\"}\n\n");

        LlmException data = assertThrows(LlmException.class, this::chat);
        LlmException field = assertThrows(LlmException.class, this::chat);

        assertEquals(Kind.STREAM_ERROR, data.kind());
        assertEquals("The model server at " + server.url() + " stopped in the middle of the reply: context window "
                + "exceeded. The text received so far is kept; try again.", data.getMessage());
        assertEquals("So", data.partial().orElseThrow().content());
        assertTrue(field.getMessage().contains("slot unavailable"), field.getMessage());
        assertEquals("Hm", field.partial().orElseThrow().content());
    }

    @Test
    void errorEventType() {
        server.enqueueStream(chunk("{\"content\":\"Hm\"}", null)
                + "event: error\ndata: {\"message\":\"out of memory\"}\n\n");

        LlmException e = assertThrows(LlmException.class, this::chat);

        assertEquals(Kind.STREAM_ERROR, e.kind());
        assertTrue(e.getMessage().contains("out of memory"), e.getMessage());
    }

    @Test
    void wholeJsonAnswerToAStreamingRequest() throws Exception {
        server.enqueueResponse(200, "application/json", "{\"id\":\"chatcmpl-417\",\"object\":\"chat.completion\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello!\","
                + "\"reasoning\":\"Greet.\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":26,\"completion_tokens\":3,\"total_tokens\":29}}");

        ChatReply reply = chat();

        assertEquals("Hello!", reply.content());
        assertEquals("Greet.", reply.thinking());
        assertEquals("stop", reply.doneReason());
        assertEquals(3, reply.stats().evalCount());
        assertTrue(reply.complete());
    }

    @Test
    void errorStatusInTheOpenAiShape() {
        server.enqueueResponse(404, "application/json", "{\"error\":{\"message\":\"model 'nope' not found\","
                + "\"type\":\"not_found_error\",\"param\":null,\"code\":null}}");
        server.enqueueResponse(400, "application/json", "{\"error\":{\"message\":\"invalid tool call arguments\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");

        LlmException missing = assertThrows(LlmException.class, () -> client.chat(
                new ChatRequest("nope", List.of(ChatMessage.user("Hi"))), listener, Cancellation.none()));
        LlmException bad = assertThrows(LlmException.class, this::chat);

        assertEquals(Kind.MODEL_NOT_FOUND, missing.kind());
        assertEquals("The model 'nope' is not available at " + server.url() + ". Check the name against the server's "
                + "model list.", missing.getMessage());
        assertEquals("The model server at " + server.url() + " refused the request: invalid tool call arguments.", bad.getMessage());
    }

    @Test
    void requestShapeImagesToolResultsAndApiKey() throws Exception {
        OpenAiCompatibleClient keyed = new OpenAiCompatibleClient(server.url() + "/v1/", "sk-local");
        server.enqueueStream(chunk("{\"content\":\"ok\"}", "stop") + DONE);
        ToolCall call = new ToolCall("call_a", "get_weather", OllamaRequestAndToolsTest.args("{\"city\":\"Oslo\"}"));

        keyed.chat(new ChatRequest("llava", List.of(ChatMessage.user("What is this?", List.of("iVBORw0KGgo=")),
                ChatMessage.assistant("", List.of(call)), ChatMessage.tool("get_weather", "call_a", "3°C")),
                new ChatOptions(4096, 0.2, null, 7L, "5m"), null), listener, Cancellation.none());

        JsonNode body = server.chatRequests().get(0);
        assertTrue(body.get("stream").asBoolean());
        assertEquals("text", body.at("/messages/0/content/0/type").asText());
        assertEquals("data:image/png;base64,iVBORw0KGgo=", body.at("/messages/0/content/1/image_url/url").asText());
        assertEquals("{\"city\":\"Oslo\"}", body.at("/messages/1/tool_calls/0/function/arguments").asText());
        assertEquals("tool", body.at("/messages/2/role").asText());
        assertEquals("call_a", body.at("/messages/2/tool_call_id").asText());
        assertEquals(0.2, body.get("temperature").asDouble());
        assertEquals(7, body.get("seed").asLong());
        assertFalse(body.has("options"));
        assertEquals("Bearer sk-local", server.authorizations().get(0));
    }

    @Test
    void cancelKeepsThePartialReply() throws Exception {
        List<String> events = new ArrayList<>(Collections.nCopies(100, chunk("{\"content\":\"tok \"}", null)));
        server.enqueueSlowStream(events, Duration.ofMillis(30));
        Cancellation cancel = new Cancellation();
        StreamListener stopAfterTwo = new StreamListener() {
            int pieces;

            @Override
            public void onContent(String delta) {
                if (++pieces == 2) {
                    new Thread(cancel::cancel).start();
                }
            }
        };

        ChatReply reply = client.chat(new ChatRequest("llama3.2", List.of(ChatMessage.user("Hi"))), stopAfterTwo, cancel);

        assertTrue(reply.cancelled());
        assertTrue(reply.content().startsWith("tok tok "), reply.content());
        assertTrue(server.awaitDisconnects(1, Duration.ofSeconds(2)));
    }

    @Test
    void modelsWithNullOrFilledData() throws Exception {
        assertEquals(List.of(), client.listModels());

        server.setModelsBody("{\"object\":\"list\",\"data\":[{\"id\":\"llama3.2:latest\",\"object\":\"model\","
                + "\"created\":1746406664,\"owned_by\":\"library\"},{\"id\":\"qwen\",\"object\":\"model\","
                + "\"max_model_len\":32768}]}");
        List<ModelInfo> models = client.listModels();
        ModelDetails qwen = client.showModel("qwen");

        assertEquals(List.of("llama3.2:latest", "qwen"), models.stream().map(ModelInfo::name).toList());
        assertEquals(1746406664L, models.get(0).modifiedAt().toEpochSecond());
        assertNull(models.get(1).modifiedAt());
        assertEquals(32768, qwen.contextLength());
        assertEquals(Set.of(), qwen.capabilities());
        assertEquals(Kind.MODEL_NOT_FOUND, assertThrows(LlmException.class, () -> client.showModel("nope")).kind());
    }

    @Test
    void notAnOpenAiServer() {
        OpenAiCompatibleClient wrongPath = new OpenAiCompatibleClient(server.url() + "/api", null);

        LlmException e = assertThrows(LlmException.class, wrongPath::listModels);

        assertEquals("The server at " + server.url() + "/api answered 404 (File Not Found) to /v1/models: it does "
                + "not speak the OpenAI-compatible API. Check the address (the server root, without /v1), or use "
                + "`toolsmith settings set backend ollama` if it is Ollama.",
                e.getMessage());
    }

    @Test
    void theApiKeyIsLookedUpOnTheFirstRequestOnceAndNotWhenTheClientIsBuilt() throws Exception {
        List<String> lookups = Collections.synchronizedList(new ArrayList<>());
        OpenAiCompatibleClient keyed = OpenAiCompatibleClient.withKeyLookup(server.url(), () -> {
            lookups.add(Thread.currentThread().getName());
            return "sk-test";
        });
        assertEquals(List.of(), lookups, "built without looking the key up (it may start a keyring process)");

        keyed.listModels();
        keyed.listModels();

        assertEquals(1, lookups.size());
        assertEquals(List.of("Bearer sk-test", "Bearer sk-test"), server.authorizations());
    }
}
