package io.toolsmith.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.llm.LlmException.Kind;
import io.toolsmith.util.Json;
import java.io.IOException;

/**
 * Applies the chunks of one {@code /v1/chat/completions} SSE stream to a reply. Handles both finish styles
 * (a separate empty-delta chunk, or {@code finish_reason} on the last content chunk), reasoning under
 * {@code reasoning} or {@code reasoning_content}, and tool calls in fragments. One thread only.
 */
final class OpenAiStream {
    private final ReplyBuilder reply;
    private final ToolCallFragments toolCalls = new ToolCallFragments();
    private final String endpoint;
    private final java.util.function.BiFunction<String, ChatReply, LlmException> contextFull;
    private final long startNanos = System.nanoTime();
    private long firstTokenNanos;
    private String finishReason;
    private long promptTokens;
    private long completionTokens;
    private long evalNanosFromServer;
    private long promptProcessed = -1;

    /** @param contextFull words an error saying that the prompt does not fit in the context window */
    OpenAiStream(ReplyBuilder reply, String endpoint, java.util.function.BiFunction<String, ChatReply, LlmException> contextFull) {
        this.reply = reply;
        this.endpoint = endpoint;
        this.contextFull = contextFull;
    }

    /** Applies one event; returns true at {@code [DONE]}. */
    boolean apply(SseReader.Event event) throws LlmException {
        String data = event.data().strip();
        if (!event.error() && data.equals("[DONE]")) {
            finish();
            return true;
        }
        JsonNode chunk = parse(data);
        if (event.error() || chunk == null || chunk.has("error")) {
            String text = chunk == null ? data : ErrorBodies.message(data);
            if (ErrorBodies.isContextFull(ErrorBodies.type(data), text)) {
                throw contextFull.apply(ErrorBodies.clause(text), partial());
            }
            throw new LlmException(Kind.STREAM_ERROR, "The model server at " + endpoint + " stopped in the middle of "
                    + "the reply: " + ErrorBodies.clause(text) + ". The text received so far is kept; try again.",
                    partial(), null);
        }
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        String reasoning = OllamaWire.text(delta, "reasoning");
        reply.thinking(reasoning != null ? reasoning : OllamaWire.text(delta, "reasoning_content"));
        String content = OllamaWire.text(delta, "content");
        if (content != null && !content.isEmpty() && firstTokenNanos == 0) {
            firstTokenNanos = System.nanoTime();
        }
        reply.content(content);
        toolCalls.add(delta.get("tool_calls"));
        String finish = OllamaWire.text(choice, "finish_reason");
        if (finish != null) {
            finishReason = finish;
        }
        JsonNode usage = chunk.get("usage");
        if (usage != null && usage.isObject()) {
            promptTokens = usage.path("prompt_tokens").asLong(promptTokens);
            completionTokens = usage.path("completion_tokens").asLong(completionTokens);
        }
        JsonNode timings = chunk.get("timings"); // llama.cpp's own measurement of generation time
        if (timings != null && timings.has("predicted_ms")) {
            evalNanosFromServer = (long) (timings.path("predicted_ms").asDouble() * 1_000_000);
        }
        if (timings != null && timings.path("prompt_n").canConvertToLong()) {
            // Only what was not already in the server's prompt cache; usage.prompt_tokens counts the whole prompt.
            promptProcessed = timings.path("prompt_n").asLong();
        }
        return false;
    }

    /**
     * Applies a whole non-streamed completion, which some servers send even when asked to stream.
     * The message is treated as one final delta.
     */
    void applyWhole(String body) throws LlmException {
        JsonNode whole = parse(body);
        if (whole == null || whole.has("error")) {
            throw new LlmException(Kind.STREAM_ERROR, "The model server at " + endpoint + " answered with "
                    + (whole == null ? "something that is not JSON" : ErrorBodies.clause(ErrorBodies.message(body)))
                    + ". Check the address and the model, then try again.", partial(), null);
        }
        ObjectNode asChunk = whole.deepCopy();
        JsonNode choice = asChunk.path("choices").path(0);
        if (choice instanceof ObjectNode c && c.has("message")) {
            c.set("delta", c.get("message"));
        }
        apply(new SseReader.Event(asChunk.toString(), false));
        finish();
    }

    private void finish() {
        if (!toolCalls.isEmpty()) {
            reply.toolCalls(toolCalls.calls());
        }
        reply.finish(finishReason, stats());
    }

    /** The reply so far, with tool calls whose fragments have arrived. */
    ChatReply partial() {
        reply.stats(stats());
        ChatReply soFar = reply.partial(null);
        if (toolCalls.isEmpty()) {
            return soFar;
        }
        return new ChatReply(soFar.content(), soFar.thinking(), toolCalls.calls(), false, null, soFar.stats());
    }

    /** Durations are the server's when it reports them, otherwise measured here from first token to end. */
    private ChatStats stats() {
        long now = System.nanoTime();
        long eval = evalNanosFromServer > 0 ? evalNanosFromServer : firstTokenNanos > 0 ? now - firstTokenNanos : 0;
        return new ChatStats(promptTokens, completionTokens, eval, now - startNanos, promptProcessed);
    }

    private static JsonNode parse(String data) {
        try {
            JsonNode node = Json.MAPPER.readTree(data);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
