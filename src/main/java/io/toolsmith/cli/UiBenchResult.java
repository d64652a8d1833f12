package io.toolsmith.cli;

/**
 * Figures of one {@code toolsmith bench ui} run. Times in milliseconds, memory in MB.
 * {@code longestFrameMillis} is the longest gap between two consecutive frames while streaming;
 * {@code longestLayoutMillis} the longest CSS+layout pass of one pulse; {@code longestFxCpuMillis} and
 * {@code longestRenderCpuMillis} the most CPU time the FX thread and the render thread used between two
 * frames (unlike the gaps, these leave out time spent waiting for a core on a busy machine).
 * The {@code scroll…} figures are those of scrolling the large chat up through {@code scrollRows} rows.
 */
public record UiBenchResult(int messages, long coldStartMillis, long openMillis, int tokensPerSecondTarget,
                            long tokensStreamed, double streamSeconds, int frames, double longestFrameMillis,
                            double longestLayoutMillis, int framesOver50Millis, double longestFxCpuMillis,
                            double longestRenderCpuMillis, int scrollFrames, int scrollRows,
                            double longestScrollFrameMillis, int scrollFramesOver50Millis,
                            double longestScrollFxCpuMillis, long residentMb,
                            int chatNodes, int renderedCells) {

    public static final long COLD_START_TARGET_MILLIS = 2000;
    public static final long OPEN_TARGET_MILLIS = 1000;
    public static final double FRAME_TARGET_MILLIS = 50;
    public static final long RSS_TARGET_MB = 400;

    public boolean meetsTargets() {
        return coldStartMillis < COLD_START_TARGET_MILLIS && openMillis < OPEN_TARGET_MILLIS
                && longestFrameMillis <= FRAME_TARGET_MILLIS && longestScrollFrameMillis <= FRAME_TARGET_MILLIS
                && residentMb < RSS_TARGET_MB;
    }
}
