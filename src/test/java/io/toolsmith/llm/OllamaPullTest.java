package io.toolsmith.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.llm.LlmException.Kind;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.util.Cancellation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Model downloads over /api/pull: progress, failures mid-stream, and stopping. */
class OllamaPullTest {
    private final FakeOllama ollama = FakeOllama.start();
    private final OllamaClient client = new OllamaClient(ollama.url());
    private final List<PullProgress> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void reportsEveryStepUpToSuccess() throws Exception {
        ollama.enqueuePull(Duration.ZERO, 3_000_000_000L, 12_000L);

        client.pull("gemma3:12b", seen::add, Cancellation.none());

        assertEquals("gemma3:12b", ollama.pullRequests().get(0).get("model").asText());
        assertTrue(ollama.pullRequests().get(0).get("stream").asBoolean());
        assertEquals("pulling manifest", seen.get(0).status());
        PullProgress first = seen.get(1);
        assertTrue(first.status().startsWith("pulling "), first.status());
        assertTrue(first.digest().startsWith("sha256:"));
        assertEquals(3_000_000_000L, first.total());
        assertEquals(0, first.completed());
        assertEquals(25.0, seen.get(2).percent(), 1e-9);
        assertEquals(100.0, seen.get(5).percent(), 1e-9);
        assertEquals(List.of("verifying sha256 digest", "writing manifest", "success"),
                seen.subList(seen.size() - 3, seen.size()).stream().map(PullProgress::status).toList());
    }

    @Test
    void unknownModelErrorLineMidPull() {
        ollama.enqueuePullError("pull model manifest: file does not exist");

        LlmException e = assertThrows(LlmException.class, () -> client.pull("nope:1b", seen::add, Cancellation.none()));

        assertEquals(Kind.MODEL_NOT_FOUND, e.kind());
        assertEquals("The model 'nope:1b' is not in the Ollama library (pull model manifest: file does not exist). "
                + "Check the name at https://ollama.com/library.", e.getMessage());
        assertEquals(List.of("pulling manifest"), seen.stream().map(PullProgress::status).toList());
    }

    @Test
    void otherErrorLineMidPull() {
        ollama.enqueuePullError("max retries exceeded: unexpected EOF");

        LlmException e = assertThrows(LlmException.class, () -> client.pull("qwen3:8b", seen::add, Cancellation.none()));

        assertEquals(Kind.STREAM_ERROR, e.kind());
        assertEquals("The download of 'qwen3:8b' failed: max retries exceeded: unexpected EOF. Run the same pull again "
                + "to resume.", e.getMessage());
    }

    @Test
    void streamEndingBeforeSuccessIsIncomplete() {
        ollama.enqueuePull((ex, req) -> ex.chunk(200, "application/x-ndjson",
                "{\"status\":\"pulling manifest\"}\n".getBytes()));

        LlmException e = assertThrows(LlmException.class, () -> client.pull("qwen3:8b", seen::add, Cancellation.none()));

        assertEquals(Kind.INCOMPLETE, e.kind());
    }

    @Test
    void cancellingClosesTheDownload() throws Exception {
        ollama.enqueuePull(Duration.ofMillis(200), 5_000_000_000L, 5_000_000_000L);
        Cancellation cancel = new Cancellation();
        PullListener stopAtFirstLayer = p -> {
            seen.add(p);
            if (p.digest() != null) {
                new Thread(cancel::cancel).start();
            }
        };

        LlmException e = assertThrows(LlmException.class, () -> client.pull("big", stopAtFirstLayer, cancel));

        assertEquals(Kind.CANCELLED, e.kind());
        assertEquals("The download of 'big' was stopped. Run the same pull again to resume where it left off.",
                e.getMessage());
        assertTrue(ollama.awaitDisconnects(1, Duration.ofSeconds(2)));
        assertTrue(seen.stream().noneMatch(PullProgress::isSuccess));
    }
}
