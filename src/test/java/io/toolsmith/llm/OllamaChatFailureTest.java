package io.toolsmith.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.llm.LlmException.Kind;
import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.util.Cancellation;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every way a chat can fail reads as a sentence, and text already received is kept. */
class OllamaChatFailureTest {
    private final FakeOllama ollama = FakeOllama.start();
    private final OllamaClient client = new OllamaClient(ollama.url());
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void stop() {
        ollama.close();
    }

    private LlmException chatFails(String model) {
        return assertThrows(LlmException.class, () -> client.chat(
                new ChatRequest(model, List.of(ChatMessage.user("Hi"))), listener, Cancellation.none()));
    }

    @Test
    void midStreamErrorKeepsThePartialReplyAsIncomplete() {
        ollama.enqueueMidStreamError("Yes, it is", "an error was encountered while running the model");

        LlmException e = chatFails("llama3.2");

        assertEquals(Kind.STREAM_ERROR, e.kind());
        assertEquals("Ollama stopped in the middle of the reply: an error was encountered while running the model. "
                + "The text received so far is kept; try again.", e.getMessage());
        ChatReply partial = e.partial().orElseThrow();
        assertEquals("Yes, it is", partial.content());
        assertFalse(partial.complete());
        assertEquals("Yes, it is", listener.text());
    }

    @Test
    void streamEndingWithoutDoneIsIncomplete() {
        for (FakeOllama.Ending ending : FakeOllama.Ending.values()) {
            ollama.enqueueTruncated("Half an answ", ending);

            LlmException e = chatFails("llama3.2");

            assertEquals(Kind.INCOMPLETE, e.kind(), ending.name());
            assertTrue(e.getMessage().startsWith("The reply from Ollama at " + ollama.url() + " broke off before it "
                    + "was finished"), e.getMessage());
            assertEquals("Half an answ", e.partial().orElseThrow().content(), ending.name());
            assertFalse(e.partial().orElseThrow().complete());
        }
    }

    @Test
    void unknownModelSuggestsOllamaPull() {
        ollama.setModels(FakeModels.Model.of("llama3.2", "llama", "completion"));

        LlmException e = chatFails("gemma3:12b");

        assertEquals(Kind.MODEL_NOT_FOUND, e.kind());
        assertEquals("The model 'gemma3:12b' is not installed. Download it with `ollama pull gemma3:12b`.",
                e.getMessage());
        assertTrue(e.partial().isEmpty());
    }

    @Test
    void badRequestShowsTheServersReason() {
        ollama.enqueueError(400, "registry.ollama.ai/library/gemma:2b does not support tools");

        LlmException e = chatFails("gemma:2b");

        assertEquals(Kind.HTTP, e.kind());
        assertEquals("Ollama refused the request: registry.ollama.ai/library/gemma:2b does not support tools.",
                e.getMessage());
    }

    @Test
    void runnerFailureAndBusyServerAreExplained() {
        ollama.enqueueError(500, "model runner has unexpectedly stopped, this may be due to resource limitations "
                + "or an internal error, check ollama server logs for details");
        ollama.enqueueError(503, "server busy, please try again.  maximum pending requests exceeded");

        LlmException failed = chatFails("llama3.2");
        LlmException busy = chatFails("llama3.2");

        assertEquals("Ollama failed: model runner has unexpectedly stopped, this may be due to resource limitations "
                + "or an internal error, check ollama server logs for details. Check the Ollama server log, then try "
                + "again.", failed.getMessage());
        assertEquals("Ollama at " + ollama.url() + " is busy (server busy, please try again.  maximum pending "
                + "requests exceeded). Wait a moment and try again.", busy.getMessage());
        assertEquals(Kind.HTTP, busy.kind());
    }

    @Test
    void nonJsonErrorBodySaysTheServerIsTooOldOrNotOllama() {
        ollama.enqueueRaw(404, "text/plain", "404 page not found".getBytes());

        LlmException e = chatFails("llama3.2");

        assertEquals(Kind.HTTP, e.kind());
        assertEquals("The server at " + ollama.url() + " answered 404 (404 page not found) to /api/chat: it is too "
                + "old or not Ollama. Check the address, or update Ollama from https://ollama.com/download. If it is an "
                + "OpenAI-compatible server (llama.cpp, LM Studio, vLLM), use `toolsmith settings set backend openai`.",
                e.getMessage());
    }

    @Test
    void wrongMethodAnswerSaysTheServerIsTooOldOrNotOllama() {
        ollama.enqueueRaw(405, "text/plain", "405 method not allowed".getBytes());

        LlmException e = chatFails("llama3.2");

        assertTrue(e.getMessage().startsWith("The server at " + ollama.url() + " answered 405 (405 method not "
                + "allowed) to /api/chat: it is too old or not Ollama."), e.getMessage());
    }

    @Test
    void garbageInsteadOfNdjsonKeepsWhatArrived() {
        ollama.enqueueRaw(200, "text/html", OllamaChatStreamTest.utf8(OllamaChatStreamTest.line("Hi")
                + "<html>proxy error</html>\n"));

        LlmException e = chatFails("llama3.2");

        assertEquals(Kind.STREAM_ERROR, e.kind());
        assertTrue(e.getMessage().contains("<html>proxy error</html>"), e.getMessage());
        assertEquals("Hi", e.partial().orElseThrow().content());
    }

    @Test
    void emptyScriptQueueFailsLoudly() {
        LlmException e = chatFails("llama3.2");

        assertTrue(e.getMessage().contains("FakeOllama has no scripted chat reply left"), e.getMessage());
        assertEquals(1, ollama.unansweredRequests());
    }

    @Test
    void connectionRefusedNamesTheHost() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        OllamaClient nobody = new OllamaClient("http://127.0.0.1:" + port);

        LlmException e = assertThrows(LlmException.class, () -> nobody.chat(
                new ChatRequest("llama3.2", List.of(ChatMessage.user("Hi"))), listener, Cancellation.none()));
        LlmException list = assertThrows(LlmException.class, nobody::listModels);

        assertEquals(Kind.UNREACHABLE, e.kind());
        assertEquals("Ollama is not running at http://127.0.0.1:" + port + ". Start it with `ollama serve` and try "
                + "again.", e.getMessage());
        assertEquals(e.getMessage(), list.getMessage());
    }

    @Test
    void unknownHostIsExplained() {
        OllamaClient nowhere = new OllamaClient("http://no-such-host.invalid:11434");

        LlmException e = assertThrows(LlmException.class, nowhere::version);

        assertEquals(Kind.UNREACHABLE, e.kind());
        assertEquals("The host of http://no-such-host.invalid:11434 cannot be found. Check the address (--host or "
                + "OLLAMA_HOST) and try again.", e.getMessage());
    }
}
