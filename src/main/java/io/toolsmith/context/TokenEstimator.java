package io.toolsmith.context;

import io.toolsmith.llm.ChatMessage;
import io.toolsmith.llm.ToolSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Estimates how many tokens a request takes, per model. The first guess counts characters (three and a half per
 * token: English prose runs near four, code and JSON nearer three); once the server has
 * reported how many tokens a request really took ({@code prompt_eval_count}, {@code usage.prompt_tokens}) the
 * guess for that model is scaled to match. Thread-safe: one estimator serves every chat of the engine.
 */
public final class TokenEstimator {
    static final double CHARS_PER_TOKEN = 3.5;
    /** The chat template's role markers and separators around each message. */
    static final int PER_MESSAGE = 8;
    /** An image's share of the prompt varies by model (Gemma 3: 256, others more); this covers the common ones. */
    static final int PER_IMAGE = 768;
    /** Estimates are kept a little above what the last report implies, since the next request's text differs. */
    private static final double MARGIN = 1.05;
    private static final double MIN_FACTOR = 0.5;
    private static final double MAX_FACTOR = 4.0;

    private final Map<String, Double> factors = new ConcurrentHashMap<>();

    /** Characters counted before any correction; what {@link #observe} compares the server's count with. */
    public static int raw(String text) {
        return text == null ? 0 : (int) Math.ceil(text.length() / CHARS_PER_TOKEN);
    }

    /** The uncorrected size of one message as sent, template overhead and images included. */
    public static int raw(ChatMessage message) {
        int tokens = PER_MESSAGE + raw(message.content()) + message.images().size() * PER_IMAGE;
        for (var call : message.toolCalls()) {
            tokens += raw(call.name()) + raw(String.valueOf(call.arguments()));
        }
        return tokens;
    }

    /** The uncorrected size of a whole request: its messages and the tools offered natively. */
    public static int raw(List<ChatMessage> messages, List<ToolSpec> tools) {
        int tokens = 0;
        for (ChatMessage message : messages) {
            tokens += raw(message);
        }
        for (ToolSpec tool : tools) {
            tokens += PER_MESSAGE + raw(tool.name()) + raw(tool.description()) + raw(String.valueOf(tool.parameters()));
        }
        return tokens;
    }

    /** {@code rawTokens} as this model's tokenizer is expected to count them. */
    public int estimate(String model, int rawTokens) {
        return (int) Math.ceil(rawTokens * factor(model) * MARGIN);
    }

    /** How far the server's counts for this model have been from the raw estimate (1 before any report). */
    public double factor(String model) {
        return factors.getOrDefault(key(model), 1.0);
    }

    /**
     * Takes in what the server reported for a request whose raw estimate was {@code rawTokens}. A count at the
     * edge of the window may be one the server cut down to fit, so there it can only raise the factor, never lower it.
     */
    public void observe(String model, int rawTokens, long reportedTokens, int contextSize) {
        if (rawTokens <= 0 || reportedTokens <= 0) {
            return;
        }
        double seen = Math.max(MIN_FACTOR, Math.min(MAX_FACTOR, reportedTokens / (double) rawTokens));
        boolean maybeTrimmed = contextSize > 0 && reportedTokens >= contextSize * 0.95;
        factors.merge(key(model), seen, (old, now) -> maybeTrimmed ? Math.max(old, now) : now);
    }

    private static String key(String model) {
        return model == null ? "" : model.toLowerCase(java.util.Locale.ROOT);
    }
}
