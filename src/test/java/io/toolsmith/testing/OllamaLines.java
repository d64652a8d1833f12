package io.toolsmith.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.llm.ToolCall;
import io.toolsmith.util.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Builds NDJSON lines exactly as Ollama's Go server writes them (field order, escapes, omitted zeros). */
public final class OllamaLines {
    private OllamaLines() {
    }

    /** Go's encoder escapes {@code < > &}; so does the real server, so the fake does too. */
    public static String goJson(JsonNode node) {
        return node.toString().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    public static byte[] line(JsonNode node) {
        return (goJson(node) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    public static ObjectNode chunk(String model, String content, String thinking, List<ToolCall> calls, boolean withIds) {
        ObjectNode chunk = Json.MAPPER.createObjectNode();
        chunk.put("model", model);
        chunk.put("created_at", Instant.now().toString());
        ObjectNode message = chunk.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        if (thinking != null && !thinking.isEmpty()) {
            message.put("thinking", thinking);
        }
        if (calls != null && !calls.isEmpty()) {
            ArrayNode array = message.putArray("tool_calls");
            for (int i = 0; i < calls.size(); i++) {
                ObjectNode call = array.addObject();
                if (withIds) {
                    call.put("id", calls.get(i).id() != null ? calls.get(i).id() : "call_" + Integer.toString(10_000_000 + i, 36));
                }
                ObjectNode function = call.putObject("function");
                if (withIds) {
                    function.put("index", i);
                }
                function.put("name", calls.get(i).name());
                function.set("arguments", calls.get(i).arguments());
            }
        }
        chunk.put("done", false);
        return chunk;
    }

    /** The final chunk with all six metrics; {@code evalCount} tokens in 20 ms each. */
    public static ObjectNode done(String model, String content, String doneReason, int evalCount) {
        ObjectNode done = chunk(model, content, null, null, false);
        done.put("done", true);
        done.put("done_reason", doneReason);
        long evalDuration = evalCount * 20_000_000L;
        done.put("total_duration", 3_000_000_000L + evalDuration);
        done.put("load_duration", 12_093_542L);
        done.put("prompt_eval_count", 26);
        done.put("prompt_eval_duration", 41_233_000L);
        if (evalCount > 0) {
            done.put("eval_count", evalCount);
            done.put("eval_duration", evalDuration);
        }
        return done;
    }

    public static ObjectNode error(String message) {
        return Json.MAPPER.createObjectNode().put("error", message);
    }
}
