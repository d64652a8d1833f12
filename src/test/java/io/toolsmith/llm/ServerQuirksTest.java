package io.toolsmith.llm;

import static io.toolsmith.testing.FakeOpenAiServer.chunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.llm.LlmException.Kind;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.testing.FakeOpenAiServer;
import io.toolsmith.util.Cancellation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What real servers do that a polite one does not: close the connection after each streamed reply while saying
 * keep-alive, end a reply for length, refuse an unknown model or an oversized prompt in their own words, or speak
 * another dialect than the backend chosen.
 */
class ServerQuirksTest {
    private static final String DONE = "data: [DONE]\n\n";

    private static ChatRequest ask(String model, ChatOptions options) {
        return new ChatRequest(model, List.of(ChatMessage.user("Hi")), options, List.of());
    }

    @Test
    void repliesInARowSurviveAServerThatClosesAfterEachWhileSayingKeepAlive() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.closeAfterEachReplyWhileSayingKeepAlive();
            OpenAiCompatibleClient client = new OpenAiCompatibleClient(server.url(), null);
            for (int i = 0; i < 4; i++) {
                server.enqueueStream(chunk("{\"content\":\"reply " + i + "\"}", null) + chunk("{}", "stop") + DONE);
                assertEquals("reply " + i, client.chat(ask("m", ChatOptions.defaults()), null, Cancellation.none()).content());
                assertFalse(client.listModels() == null);
            }
        }
        try (FakeOllama ollama = FakeOllama.start()) {
            ollama.closeAfterEachReplyWhileSayingKeepAlive();
            OllamaClient client = new OllamaClient(ollama.url());
            for (int i = 0; i < 4; i++) {
                ollama.enqueueReply("reply " + i);
                assertEquals("reply " + i, client.chat(ask("m", ChatOptions.defaults()), null, Cancellation.none()).content());
                client.showModel("m");
            }
        }
    }

    @Test
    void theReplyLengthCapGoesOutAndALengthEndingIsReported() throws Exception {
        ChatOptions capped = new ChatOptions(null, null, null, null, null, 64);
        try (FakeOllama ollama = FakeOllama.start()) {
            ollama.enqueueReplyEndedForLength("A long story that");
            ChatReply reply = new OllamaClient(ollama.url()).chat(ask("m", capped), null, Cancellation.none());
            assertEquals(64, ollama.chatRequests().get(0).at("/options/num_predict").asInt());
            assertTrue(reply.cutOffAtLength());
        }
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.enqueueStream(chunk("{\"content\":\"A long\"}", null) + chunk("{}", "length") + DONE);
            ChatReply reply = new OpenAiCompatibleClient(server.url(), null).chat(ask("m", capped), null, Cancellation.none());
            assertEquals(64, server.chatRequests().get(0).get("max_tokens").asInt());
            assertTrue(reply.cutOffAtLength());
            server.enqueueStream(chunk("{\"content\":\"Done.\"}", null) + chunk("{}", "stop") + DONE);
            assertFalse(new OpenAiCompatibleClient(server.url(), null).chat(ask("m", capped), null, Cancellation.none())
                    .cutOffAtLength());
        }
    }

    @Test
    void anUnknownModelIsNamedWithTheModelsTheServerHas() {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.setModelsBody("{\"object\":\"list\",\"data\":[{\"id\":\"qwen2.5-0.5b\",\"object\":\"model\"}]}");
            // llama-server's router: 400 with an invalid_request_error
            server.enqueueResponse(400, "application/json; charset=utf-8", "{\"error\":{\"code\":400,\"message\":"
                    + "\"model 'qwen9' not found\",\"type\":\"invalid_request_error\"}}");
            OpenAiCompatibleClient client = new OpenAiCompatibleClient(server.url(), null);
            LlmException e = assertThrows(LlmException.class, () -> client.chat(ask("qwen9", ChatOptions.defaults()),
                    null, Cancellation.none()));
            assertEquals(Kind.MODEL_NOT_FOUND, e.kind());
            assertTrue(e.getMessage().contains("'qwen9'") && e.getMessage().contains("qwen2.5-0.5b"), e.getMessage());
            assertFalse(e.getMessage().contains("ollama"), e.getMessage());

            // a single-model server answers any name, so the name is checked against its list
            LlmException shown = assertThrows(LlmException.class, () -> client.showModel("gpt-4o"));
            assertEquals(Kind.MODEL_NOT_FOUND, shown.kind());
            assertEquals("qwen2.5-0.5b", assertDoesNotThrowShow(client, "qwen2.5-0.5b"));
        }
    }

    private static String assertDoesNotThrowShow(OpenAiCompatibleClient client, String model) {
        try {
            return client.showModel(model).name();
        } catch (LlmException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Test
    void aPromptOverTheContextIsASentenceWithWhatToDo() {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.enqueueResponse(400, "application/json; charset=utf-8", "{\"error\":{\"code\":400,\"message\":"
                    + "\"request (5120 tokens) exceeds the available context size (4096 tokens), try increasing it\","
                    + "\"type\":\"exceed_context_size_error\",\"n_prompt_tokens\":5120,\"n_ctx\":4096}}");
            LlmException e = assertThrows(LlmException.class, () -> new OpenAiCompatibleClient(server.url(), null)
                    .chat(ask("m", ChatOptions.defaults()), null, Cancellation.none()));
            assertEquals(Kind.CONTEXT_FULL, e.kind());
            assertTrue(e.getMessage().contains("5120 tokens") && e.getMessage().contains("new chat")
                    && e.getMessage().contains("-c"), e.getMessage());
        }
    }

    @Test
    void theOllamaBackendPointedAtAnOpenAiServerSaysToSwitchTheBackend() {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            OllamaClient client = new OllamaClient(server.url());
            // the stand-in answers /api/* as llama-server does: 404 with an OpenAI-style error object
            for (LlmException e : List.of(
                    assertThrows(LlmException.class, () -> client.chat(ask("m", ChatOptions.defaults()), null,
                            Cancellation.none())),
                    assertThrows(LlmException.class, client::listModels))) {
                assertTrue(e.getMessage().contains("settings set backend openai"), e.getMessage());
                assertFalse(e.getMessage().contains("ollama pull"), e.getMessage());
            }
        }
    }

    @Test
    void theOpenAiBackendNeverSuggestsOllamaCommands() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        OpenAiCompatibleClient client = new OpenAiCompatibleClient("http://127.0.0.1:" + port, null);
        LlmException down = assertThrows(LlmException.class, () -> client.chat(ask("m", ChatOptions.defaults()), null,
                Cancellation.none()));
        assertEquals(Kind.UNREACHABLE, down.kind());
        assertTrue(down.getMessage().contains("llama-server"), down.getMessage());
        assertFalse(down.getMessage().toLowerCase().contains("ollama"), down.getMessage());
        assertFalse(client.noModelsHint().toLowerCase().contains("ollama"), client.noModelsHint());
    }
}
