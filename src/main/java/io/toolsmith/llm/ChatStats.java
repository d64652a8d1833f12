package io.toolsmith.llm;

/** Token counts and durations of one reply, as the server reported them (durations in nanoseconds). */
public record ChatStats(long promptEvalCount, long evalCount, long evalDurationNanos, long totalDurationNanos) {

    public static final ChatStats NONE = new ChatStats(0, 0, 0, 0);

    /** Generated tokens per second, or 0 when the server gave no duration. */
    public double tokensPerSecond() {
        return evalDurationNanos <= 0 ? 0 : evalCount * 1e9 / evalDurationNanos;
    }
}
