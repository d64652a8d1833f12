package io.toolsmith.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.llm.ToolCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A well-formed chat reply: thinking chunks, content chunks, a tool-call chunk, then the done line.
 * Honours {@code "stream": false} (one JSON object) and treats a missing {@code stream} as true, like Ollama.
 */
record ReplyScript(Duration headerDelay, String thinking, String content, List<ToolCall> toolCalls, boolean withIds,
                   int chunkSize, Duration delay) implements FakeOllama.Script {

    @Override
    public void play(FakeExchange ex, JsonNode request) throws Exception {
        String model = FakeOllama.model(request);
        if (!headerDelay.isZero()) {
            ex.pause(headerDelay);
        }
        if (!request.path("stream").asBoolean(true)) {
            ObjectNode whole = OllamaLines.done(model, content, "stop", Math.max(1, content.length() / 4));
            ObjectNode message = (ObjectNode) whole.get("message");
            if (!thinking.isEmpty()) {
                message.put("thinking", thinking);
            }
            if (!toolCalls.isEmpty()) {
                message.set("tool_calls", OllamaLines.chunk(model, "", null, toolCalls, withIds)
                        .get("message").get("tool_calls"));
            }
            ex.respond(200, FakeOllama.JSON, OllamaLines.goJson(whole));
            return;
        }
        List<ObjectNode> chunks = new ArrayList<>();
        pieces(thinking, chunkSize).forEach(p -> chunks.add(OllamaLines.chunk(model, "", p, null, withIds)));
        pieces(content, chunkSize).forEach(p -> chunks.add(OllamaLines.chunk(model, p, null, null, withIds)));
        if (!toolCalls.isEmpty()) {
            chunks.add(OllamaLines.chunk(model, "", null, toolCalls, withIds));
        }
        chunks.add(OllamaLines.done(model, "", "stop", chunks.size()));
        for (int i = 0; i < chunks.size(); i++) {
            if (i > 0 && !delay.isZero()) {
                ex.pause(delay);
            }
            ex.chunk(200, FakeOllama.NDJSON, OllamaLines.line(chunks.get(i)));
        }
    }

    /** Splits text into pieces of {@code size} code points (never inside a surrogate pair). */
    static List<String> pieces(String text, int size) {
        List<String> pieces = new ArrayList<>();
        int[] codePoints = text.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i += size) {
            pieces.add(new String(codePoints, i, Math.min(size, codePoints.length - i)));
        }
        return pieces;
    }
}
