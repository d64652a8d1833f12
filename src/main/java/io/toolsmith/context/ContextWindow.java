package io.toolsmith.context;

import io.toolsmith.llm.ModelDetails;

/**
 * The context size a chat works with, and where it came from.
 *
 * @param size      tokens the server holds for one request: prompt and reply together
 * @param automatic true when no size was set and it was derived from the model
 * @param sent      true when the request carries the size ({@code num_ctx}); false when the server fixes it
 */
public record ContextWindow(int size, boolean automatic, boolean sent) {
    /**
     * The automatic size never exceeds this: a model's own context length is often 128K tokens or more, and a
     * window that large takes gigabytes of memory on the machines local models run on.
     */
    public static final int AUTOMATIC_CAP = 8192;
    /** When neither the setting nor the server says anything: what current Ollama gives machines with little memory. */
    public static final int FALLBACK = 4096;

    /**
     * Decides the size. Ollama takes the size with every request ({@code num_ctx}): the setting when there is one,
     * else the model's own length capped at {@link #AUTOMATIC_CAP}. An OpenAI-compatible server fixes the size
     * when it starts; the size it reports wins, and a smaller setting narrows the budget further.
     *
     * @param setting the {@code numCtx} setting; null or 0 for automatic
     */
    public static ContextWindow resolve(Integer setting, ModelDetails model, boolean serverFixesSize) {
        Integer known = model == null ? null : model.contextLength();
        boolean automatic = setting == null || setting <= 0;
        if (serverFixesSize) {
            if (known != null && known > 0) {
                return new ContextWindow(automatic ? known : Math.min(known, setting), automatic, false);
            }
            return new ContextWindow(automatic ? FALLBACK : setting, automatic, false);
        }
        if (!automatic) {
            return new ContextWindow(setting, false, true);
        }
        int size = known != null && known > 0 ? Math.min(known, AUTOMATIC_CAP) : FALLBACK;
        return new ContextWindow(size, true, true);
    }

    /**
     * Tokens kept free for the reply: {@code maxTokens}, but never more than a quarter of the window, so that a
     * small window still has room for the chat. A reply may run past this share; the server then stops it.
     */
    public int replyReserve(Integer maxTokens) {
        int quarter = size / 4;
        return maxTokens == null || maxTokens <= 0 ? quarter : Math.min(maxTokens, quarter);
    }
}
