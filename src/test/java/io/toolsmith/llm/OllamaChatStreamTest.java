package io.toolsmith.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.testing.FakeOllama;
import io.toolsmith.util.Cancellation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Streaming replies from Ollama's /api/chat, including streams split at awkward byte boundaries. */
class OllamaChatStreamTest {
    private final FakeOllama ollama = FakeOllama.start();
    private final OllamaClient client = new OllamaClient(ollama.url());
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void stop() {
        ollama.close();
    }

    private ChatReply chat() throws LlmException {
        return client.chat(new ChatRequest("llama3.2", List.of(ChatMessage.user("Hi"))), listener, Cancellation.none());
    }

    @Test
    void streamsContentPieceByPieceAndKeepsFinalStats() throws Exception {
        ollama.enqueueReply("The answer is forty-two.", 5, Duration.ofMillis(5));

        ChatReply reply = chat();

        assertEquals("The answer is forty-two.", reply.content());
        assertTrue(reply.complete());
        assertEquals("stop", reply.doneReason());
        assertEquals(List.of("The a", "nswer", " is f", "orty-", "two."), listener.content);
        assertEquals(26, reply.stats().promptEvalCount());
        assertEquals(5, reply.stats().evalCount());
        assertEquals(100_000_000L, reply.stats().evalDurationNanos());
        assertEquals(3_100_000_000L, reply.stats().totalDurationNanos());
        assertEquals(50.0, reply.stats().tokensPerSecond(), 1e-9);
    }

    @Test
    void contentOnTheDoneLineIsKeptAndMissingMetricsAreZero() throws Exception {
        ollama.enqueueRaw(200, "application/x-ndjson", utf8(
                "{\"model\":\"llama3.2\",\"created_at\":\"2026-08-21T10:15:00.691204Z\",\"message\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"done\":false}\n"
                + "{\"model\":\"llama3.2\",\"created_at\":\"2026-08-21T10:15:02.5Z\",\"message\":{\"role\":\"assistant\",\"content\":\"lo\"},\"done\":true,\"done_reason\":\"length\",\"eval_count\":2}\n"));

        ChatReply reply = chat();

        assertEquals("Hello", reply.content());
        assertEquals("length", reply.doneReason());
        assertEquals(new ChatStats(0, 2, 0, 0), reply.stats());
        assertEquals(0.0, reply.stats().tokensPerSecond());
    }

    @Test
    void reassemblesTextSplitInsideJsonAndInsideMultiByteCharacters() throws Exception {
        byte[] stream = utf8(line("Café ") + line("costs 5€ 😀 ") + line("\\u003c/think\\u003e 日本語 \\u0026 more")
                + doneLine());
        List<byte[]> pieces = cut(stream,
                indexOf(stream, "ama3.2"),                 // inside the first JSON object
                indexOf(stream, "é") + 1,                  // C3 | A9
                indexOf(stream, "€") + 1,                  // E2 | 82 AC
                indexOf(stream, "€") + 2,                  // E2 82 | AC
                indexOf(stream, "😀") + 2,                 // F0 9F | 98 80
                indexOf(stream, "😀") + 3,
                newlineBefore(stream, "\\u003c/think"),       // the newline alone
                newlineBefore(stream, "\\u003c/think") + 1);
        ollama.enqueueRaw(200, "application/x-ndjson", pieces.toArray(byte[][]::new));

        ChatReply reply = chat();

        assertEquals("Café costs 5€ 😀 </think> 日本語 & more", reply.content());
        assertTrue(reply.complete());
    }

    @Test
    void reassemblesAStreamSentOneByteAtATime() throws Exception {
        byte[] stream = utf8(line("naïve €uro ") + line("😀\\n") + doneLine());
        ollama.enqueue((ex, req) -> {
            for (byte b : stream) {
                ex.chunk(200, "application/x-ndjson", new byte[] {b});
            }
        });

        assertEquals("naïve €uro 😀\n", chat().content());
    }

    @Test
    void readsSeveralLinesDeliveredInOneWrite() throws Exception {
        ollama.enqueueRaw(200, "application/x-ndjson", utf8(line("one ") + line("two ") + line("three") + doneLine()));

        ChatReply reply = chat();

        assertEquals("one two three", reply.content());
        assertEquals(List.of("one ", "two ", "three"), listener.content);
    }

    @Test
    void routesThinkingSeparatelyFromContent() throws Exception {
        ollama.enqueueThinkingReply("The user greets me.", "Hello!");

        ChatReply reply = chat();

        assertEquals("The user greets me.", reply.thinking());
        assertEquals("The user greets me.", String.join("", listener.thinking));
        assertEquals("Hello!", reply.content());
        assertEquals("Hello!", listener.text());
    }

    @Test
    void waitsForASlowModelLoadWithoutTimingOut() throws Exception {
        ollama.enqueueDelayedReply(Duration.ofSeconds(3), "Loaded.");

        assertEquals("Loaded.", chat().content());
    }

    @Test
    void cancellingClosesTheConnectionAndReturnsThePartialReply() throws Exception {
        ollama.enqueueReply("word ".repeat(200), 5, Duration.ofMillis(40));
        Cancellation cancel = new Cancellation();
        List<ChatReply> result = new ArrayList<>();
        StreamListener stopAfterThree = new StreamListener() {
            int pieces;

            @Override
            public void onContent(String delta) {
                listener.onContent(delta);
                if (++pieces == 3) {
                    new Thread(cancel::cancel).start(); // as a Stop button would, from another thread
                }
            }
        };
        Thread chatThread = new Thread(() -> {
            try {
                result.add(client.chat(new ChatRequest("llama3.2", List.of(ChatMessage.user("Go on"))),
                        stopAfterThree, cancel));
            } catch (LlmException e) {
                throw new AssertionError(e);
            }
        });
        chatThread.start();
        chatThread.join(5000);

        assertTrue(ollama.awaitDisconnects(1, Duration.ofSeconds(2)), "the server saw the client go away");
        ChatReply reply = result.get(0);
        assertFalse(reply.complete());
        assertTrue(reply.cancelled());
        assertTrue(reply.content().startsWith("word word word"), reply.content());
        assertTrue(reply.content().length() < 200 * 5);
        assertEquals(listener.text(), reply.content());
        assertEquals(1, ollama.chatRequests().size());
    }

    @Test
    void cancellingWhileTheModelLoadsReturnsAnEmptyPartialReply() throws Exception {
        Cancellation cancel = new Cancellation();
        // the user stops once the request has reached the server, while the model is still loading
        ollama.enqueueDelayedReply(Duration.ofSeconds(20), "too late", cancel::cancel);

        ChatReply reply = client.chat(new ChatRequest("llama3.2", List.of(ChatMessage.user("Hi"))), listener, cancel);

        assertTrue(reply.cancelled());
        assertEquals("", reply.content());
        assertTrue(ollama.awaitDisconnects(1, Duration.ofSeconds(2)), "the server saw the client go away");
    }

    @Test
    void alreadyCancelledChatSendsNothingUseful() throws Exception {
        ollama.enqueueReply("never read");
        Cancellation cancel = new Cancellation();
        cancel.cancel();

        ChatReply reply = client.chat(new ChatRequest("llama3.2", List.of(ChatMessage.user("Hi"))), listener, cancel);

        assertTrue(reply.cancelled());
        assertEquals("", reply.content());
    }

    static String line(String jsonEscapedContent) {
        return "{\"model\":\"llama3.2\",\"created_at\":\"2026-08-21T10:15:00.691204Z\",\"message\":{\"role\":\"assistant\","
                + "\"content\":\"" + jsonEscapedContent + "\"},\"done\":false}\n";
    }

    static String doneLine() {
        return "{\"model\":\"llama3.2\",\"created_at\":\"2026-08-21T10:15:02.518392Z\",\"message\":{\"role\":\"assistant\","
                + "\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"total_duration\":1843209458,"
                + "\"load_duration\":12093542,\"prompt_eval_count\":26,\"prompt_eval_duration\":41233000,"
                + "\"eval_count\":57,\"eval_duration\":1761000000}\n";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static int indexOf(byte[] haystack, String needle) {
        byte[] n = utf8(needle);
        outer:
        for (int i = 0; i <= haystack.length - n.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException(needle);
    }

    /** Where the newline ending the line before {@code needle}'s line is. */
    private static int newlineBefore(byte[] stream, String needle) {
        int newline = indexOf(stream, needle);
        while (stream[newline] != '\n') {
            newline--;
        }
        return newline;
    }

    static List<byte[]> cut(byte[] bytes, int... offsets) {
        List<byte[]> pieces = new ArrayList<>();
        int start = 0;
        for (int offset : java.util.Arrays.stream(offsets).sorted().distinct().toArray()) {
            ByteArrayOutputStream piece = new ByteArrayOutputStream();
            piece.write(bytes, start, offset - start);
            pieces.add(piece.toByteArray());
            start = offset;
        }
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        rest.write(bytes, start, bytes.length - start);
        pieces.add(rest.toByteArray());
        return pieces;
    }
}
