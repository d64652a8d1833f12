package io.toolsmith.ui.bench;

import io.toolsmith.cli.UiBenchResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import javafx.animation.AnimationTimer;

/**
 * Gaps between consecutive frames (pulses), which include layout, rendering and queued FX work,
 * and the CPU time the FX thread and the render thread used between two frames: on a machine
 * whose cores are busy with other work a gap also holds time spent waiting for a core, which
 * the CPU figures leave out. Started, stopped and read on the FX thread.
 */
final class FrameTimer extends AnimationTimer {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long renderThread = renderThreadId();
    long last;
    long lastFxCpu;
    long lastRenderCpu;
    int count;
    int over50;
    double longest;
    double longestFxCpu;
    double longestRenderCpu;

    @Override
    public void handle(long now) {
        long fxCpu = threads.getCurrentThreadCpuTime();
        long renderCpu = renderThread < 0 ? 0 : threads.getThreadCpuTime(renderThread);
        if (last != 0) {
            double gap = (now - last) / 1e6;
            longest = Math.max(longest, gap);
            if (gap > UiBenchResult.FRAME_TARGET_MILLIS) {
                over50++;
            }
            count++;
            longestFxCpu = Math.max(longestFxCpu, (fxCpu - lastFxCpu) / 1e6);
            longestRenderCpu = Math.max(longestRenderCpu, (renderCpu - lastRenderCpu) / 1e6);
        }
        last = now;
        lastFxCpu = fxCpu;
        lastRenderCpu = renderCpu;
    }

    private static long renderThreadId() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("QuantumRenderer"))
                .mapToLong(Thread::getId).findFirst().orElse(-1);
    }
}
