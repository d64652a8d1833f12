package io.toolsmith.llm;

import static io.toolsmith.testing.FakeOpenAiServer.chunk;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.toolsmith.testing.FakeOllama;
import io.toolsmith.testing.FakeOpenAiServer;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reasoning written inline as {@code <think>…</think>} is separated from the answer, however the stream splits it. */
class InlineThinkingTest {
    private static final String REPLY = "<think>\nThe user wants 2+2. That is 4.\n</think>\n\nIt is **4**.";

    @Test
    void everySplitOfTheTagsGivesTheSameAnswerAndReasoning() {
        for (int cut = 0; cut <= REPLY.length(); cut++) {
            for (int second = cut; second <= REPLY.length(); second += 3) {
                List<String> pieces = List.of(REPLY.substring(0, cut), REPLY.substring(cut, second), REPLY.substring(second));
                RecordingListener listener = new RecordingListener();
                ReplyBuilder builder = new ReplyBuilder(listener);
                pieces.forEach(builder::content);
                ChatReply reply = builder.complete();
                String where = "split at " + cut + " and " + second;
                assertEquals("It is **4**.", reply.content(), where);
                assertEquals("\nThe user wants 2+2. That is 4.\n", reply.thinking(), where);
                assertEquals(reply.content(), listener.text(), "the listener hears only the answer: " + where);
                assertEquals(reply.thinking(), String.join("", listener.thinking), where);
            }
        }
    }

    @Test
    void oneCharacterAtATimeOverAnOpenAiStream() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            StringBuilder sse = new StringBuilder();
            for (char c : REPLY.toCharArray()) {
                sse.append(chunk("{\"content\":" + Json.MAPPER.valueToTree(String.valueOf(c)) + "}", null));
            }
            server.enqueueStream(sse.append(chunk("{}", "stop")).append("data: [DONE]\n\n").toString(), 5);
            RecordingListener listener = new RecordingListener();
            ChatReply reply = new OpenAiCompatibleClient(server.url(), null)
                    .chat(new ChatRequest("qwen3", List.of(ChatMessage.user("2+2?"))), listener, Cancellation.none());
            assertEquals("It is **4**.", reply.content());
            assertEquals("It is **4**.", listener.text());
            assertEquals("\nThe user wants 2+2. That is 4.\n", reply.thinking());
        }
    }

    @Test
    void overOllamaTooAndAnUnclosedBlockIsAllReasoning() throws Exception {
        try (FakeOllama ollama = FakeOllama.start()) {
            ollama.enqueueReply("<think>still thinking when the reply was cut", 3, java.time.Duration.ZERO);
            ChatReply reply = new OllamaClient(ollama.url())
                    .chat(new ChatRequest("qwen3", List.of(ChatMessage.user("hm"))), null, Cancellation.none());
            assertEquals("", reply.content());
            assertEquals("still thinking when the reply was cut", reply.thinking());
        }
    }

    @Test
    void aTagLaterInTheReplyOrAlmostATagIsLeftAsWritten() {
        for (String text : List.of("Use <think> tags like this: <think>x</think>", "<thin", "  <b>bold</b>", "<thinking>no</thinking>")) {
            List<String> heard = new ArrayList<>();
            ReplyBuilder builder = new ReplyBuilder(heard::add);
            for (char c : text.toCharArray()) {
                builder.content(String.valueOf(c));
            }
            ChatReply reply = builder.complete();
            assertEquals(text, reply.content());
            assertEquals("", reply.thinking());
            assertEquals(text, String.join("", heard));
        }
    }
}
