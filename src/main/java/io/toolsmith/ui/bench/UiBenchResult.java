package io.toolsmith.ui.bench;

/**
 * Figures of one {@code toolsmith bench ui} run. Times in milliseconds, memory in MB.
 * {@code longestFrameMillis} is the longest gap between two consecutive frames while streaming;
 * {@code longestLayoutMillis} the longest CSS+layout pass of one pulse.
 */
public record UiBenchResult(int messages, long coldStartMillis, long openMillis, int tokensPerSecondTarget,
                            long tokensStreamed, double streamSeconds, int frames, double longestFrameMillis,
                            double longestLayoutMillis, int framesOver50Millis, long residentMb,
                            int chatNodes, int renderedCells) {

    public static final long COLD_START_TARGET_MILLIS = 2000;
    public static final long OPEN_TARGET_MILLIS = 1000;
    public static final double FRAME_TARGET_MILLIS = 50;
    public static final long RSS_TARGET_MB = 400;

    public boolean meetsTargets() {
        return coldStartMillis < COLD_START_TARGET_MILLIS && openMillis < OPEN_TARGET_MILLIS
                && longestFrameMillis <= FRAME_TARGET_MILLIS && residentMb < RSS_TARGET_MB;
    }
}
