package io.toolsmith.llm;

/**
 * Sampling and loading options; a null field is left out of the request so the server's default applies.
 *
 * @param numCtx    context window in tokens (Ollama only; a change reloads the model)
 * @param keepAlive how long Ollama keeps the model loaded, as a Go duration such as {@code "5m"} (Ollama only)
 */
public record ChatOptions(Integer numCtx, Double temperature, Double topP, Long seed, String keepAlive) {

    public static ChatOptions defaults() {
        return new ChatOptions(null, null, null, null, null);
    }
}
