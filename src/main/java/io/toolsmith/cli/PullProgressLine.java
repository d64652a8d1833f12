package io.toolsmith.cli;

import io.toolsmith.llm.PullProgress;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Shows download progress on one terminal line: step, bar, percent, bytes and speed, over all layers.
 * On a terminal the line is redrawn in place (at most ten times a second); otherwise a line is printed only when
 * the step changes, so logs stay readable. Called from one thread.
 */
final class PullProgressLine {
    private static final int BAR_WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean interactive;
    private final LongSupplier clock;
    private final Map<String, long[]> layers = new LinkedHashMap<>(); // digest -> {total, completed}
    private String lastStatus;
    private long lastDraw = Long.MIN_VALUE;
    private int lastWidth;
    private long speedSampleTime;
    private long speedSampleBytes = -1;
    private double bytesPerSecond;

    PullProgressLine(PrintWriter out, boolean interactive, LongSupplier clock) {
        this.out = out;
        this.interactive = interactive;
        this.clock = clock;
    }

    void show(PullProgress progress) {
        long now = clock.getAsLong();
        if (progress.digest() != null && progress.total() > 0) {
            layers.put(progress.digest(), new long[] {progress.total(), progress.completed()});
            sampleSpeed(now);
        }
        String status = progress.status() == null ? "" : progress.status();
        boolean changed = !status.equals(lastStatus);
        lastStatus = status;
        if (interactive) {
            if (changed || now - lastDraw >= REDRAW_NANOS) {
                lastDraw = now;
                String text = render(status, progress.digest() != null);
                out.print("\r" + text + " ".repeat(Math.max(0, lastWidth - text.length())));
                lastWidth = text.length();
                out.flush();
            }
        } else if (changed || progress.digest() != null && progress.total() > 0
                && progress.completed() == progress.total()) {
            out.println(render(status, progress.digest() != null));
            out.flush();
        }
    }

    /** Ends the in-place line so that what follows starts on a fresh line. */
    void finish() {
        if (interactive && lastWidth > 0) {
            out.println();
            out.flush();
            lastWidth = 0;
        }
    }

    String render(String status, boolean downloading) {
        if (!downloading) {
            return status;
        }
        long total = 0;
        long done = 0;
        for (long[] layer : layers.values()) {
            total += layer[0];
            done += Math.min(layer[1], layer[0]);
        }
        int percent = total == 0 ? 0 : (int) (done * 100 / total);
        int filled = total == 0 ? 0 : (int) (done * BAR_WIDTH / total);
        String line = String.format(Locale.ROOT, "%s [%s%s] %3d%%  %s / %s", status, "█".repeat(filled),
                "░".repeat(BAR_WIDTH - filled), percent, bytes(done), bytes(total));
        return bytesPerSecond > 0 ? line + "  " + bytes((long) bytesPerSecond) + "/s" : line;
    }

    /** Smoothed over about a second, so the figure does not jump with every progress line. */
    private void sampleSpeed(long now) {
        long bytes = layers.values().stream().mapToLong(l -> l[1]).sum();
        if (speedSampleBytes < 0) {
            speedSampleBytes = bytes;
            speedSampleTime = now;
            return;
        }
        long elapsed = now - speedSampleTime;
        if (elapsed >= 250_000_000L) {
            double current = Math.max(0, bytes - speedSampleBytes) * 1e9 / elapsed;
            bytesPerSecond = bytesPerSecond == 0 ? current : 0.7 * bytesPerSecond + 0.3 * current;
            speedSampleBytes = bytes;
            speedSampleTime = now;
        }
    }

    /** Decimal units, as Ollama's own progress bar shows them. */
    static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = n;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.2f %s" : value < 100 ? "%.1f %s" : "%.0f %s", value,
                units[unit]);
    }
}
