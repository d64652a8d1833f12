package io.toolsmith.llm;

/**
 * Token counts and durations of one reply, as the server reported them (durations in nanoseconds).
 *
 * @param promptEvalCount  the prompt's tokens, those the server took from its cache included
 * @param promptProcessed  the prompt tokens the server had to process anew (llama.cpp's {@code timings.prompt_n});
 *                         -1 when the server does not say
 */
public record ChatStats(long promptEvalCount, long evalCount, long evalDurationNanos, long totalDurationNanos,
                        long promptProcessed) {

    public static final ChatStats NONE = new ChatStats(0, 0, 0, 0);

    public ChatStats(long promptEvalCount, long evalCount, long evalDurationNanos, long totalDurationNanos) {
        this(promptEvalCount, evalCount, evalDurationNanos, totalDurationNanos, -1);
    }

    /** Generated tokens per second, or 0 when the server gave no duration. */
    public double tokensPerSecond() {
        return evalDurationNanos <= 0 ? 0 : evalCount * 1e9 / evalDurationNanos;
    }
}
