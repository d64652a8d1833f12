package io.toolsmith.context;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.testing.OllamaLines;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Replies from a stand-in server that counts the prompt it received with a tokenizer of its own (one token per
 * {@code charsPerToken} characters of each message, plus four for the template's markers), and reports that
 * count as {@code prompt_eval_count} the way Ollama does.
 */
final class CountingReplies {
    private CountingReplies() {
    }

    static FakeOllama.Script reply(String content, double charsPerToken) {
        return (ex, request) -> {
            String model = request.path("model").asText();
            ex.chunk(200, "application/x-ndjson", OllamaLines.line(OllamaLines.chunk(model, content, null, null, true)));
            ObjectNode done = OllamaLines.done(model, "", "stop", 1);
            done.put("prompt_eval_count", tokens(request, charsPerToken));
            ex.chunk(200, "application/x-ndjson", OllamaLines.line(done));
        };
    }

    /** The stand-in tokenizer's count of a request body as it arrived. */
    static long tokens(JsonNode request, double charsPerToken) {
        long tokens = 0;
        for (JsonNode message : request.path("messages")) {
            tokens += 4 + (long) Math.ceil(message.path("content").asText().length() / charsPerToken);
        }
        for (JsonNode tool : request.path("tools")) {
            tokens += (long) Math.ceil(tool.toString().length() / charsPerToken);
        }
        return tokens;
    }
}
