package io.toolsmith.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.toolsmith.testing.FakeOpenAiServer;
import io.toolsmith.util.Cancellation;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a server says about the prompt: its whole size, and with llama-server how much it processed anew. */
class PromptCountsTest {
    /** The last chunk as llama-server sends it: usage counts the whole prompt, timings only the tokens not cached. */
    private static final String LLAMA_SERVER_END = "data: {\"choices\":[{\"finish_reason\":\"stop\",\"index\":0,"
            + "\"delta\":{}}],\"created\":1764980000,\"id\":\"chatcmpl-x\",\"model\":\"qwen2.5-0.5b-random\","
            + "\"object\":\"chat.completion.chunk\",\"usage\":{\"completion_tokens\":16,\"prompt_tokens\":2194,"
            + "\"total_tokens\":2210},\"timings\":{\"cache_n\":2173,\"prompt_n\":21,\"prompt_ms\":4799.28,"
            + "\"predicted_n\":16,\"predicted_ms\":2235.03}}\n\n";
    private static final String CONTENT = "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
            + "\"content\":\"Hi\"}}]}\n\n";
    private static final String DONE = "data: [DONE]\n\n";

    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    private final OpenAiCompatibleClient client = new OpenAiCompatibleClient(server.url(), null);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void llamaServerSaysHowMuchOfThePromptCameFromItsCache() throws Exception {
        server.enqueueStream(CONTENT + LLAMA_SERVER_END + DONE);
        ChatStats stats = chat().stats();
        assertEquals(2194, stats.promptEvalCount());
        assertEquals(21, stats.promptProcessed());
    }

    @Test
    void aServerWithoutTimingsLeavesTheProcessedCountUnknown() throws Exception {
        server.enqueueStream(CONTENT + LLAMA_SERVER_END.replaceAll(",\"timings\":\\{[^}]*}", "") + DONE);
        ChatStats stats = chat().stats();
        assertEquals(2194, stats.promptEvalCount());
        assertEquals(-1, stats.promptProcessed());
    }

    private ChatReply chat() throws LlmException {
        return client.chat(new ChatRequest("qwen2.5-0.5b-random", List.of(ChatMessage.user("Hello"))),
                StreamListener.IGNORE, new Cancellation());
    }
}
