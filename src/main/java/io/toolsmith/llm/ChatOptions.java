package io.toolsmith.llm;

/**
 * Sampling and loading options; a null field is left out of the request so the server's default applies.
 *
 * @param numCtx    context window in tokens (Ollama only; a change reloads the model)
 * @param keepAlive how long Ollama keeps the model loaded, as a Go duration such as {@code "5m"} (Ollama only)
 * @param maxTokens the longest reply in tokens (Ollama {@code num_predict}, OpenAI {@code max_tokens}); a reply
 *                  that reaches it ends with the done reason {@code length}
 */
public record ChatOptions(Integer numCtx, Double temperature, Double topP, Long seed, String keepAlive,
                          Integer maxTokens) {

    public ChatOptions(Integer numCtx, Double temperature, Double topP, Long seed, String keepAlive) {
        this(numCtx, temperature, topP, seed, keepAlive, null);
    }

    public static ChatOptions defaults() {
        return new ChatOptions(null, null, null, null, null, null);
    }
}
