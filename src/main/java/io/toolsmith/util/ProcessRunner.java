package io.toolsmith.util;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short-lived command with a timeout that fires. Reading a child's output to the end before waiting for it
 * blocks for as long as the child keeps its pipes open, so a hung child would never time out: here stdout and stderr
 * are drained on their own threads (keeping at most {@link #outputCap} bytes of each, and discarding the rest so the
 * child never blocks on a full pipe) while this thread waits with the timeout. A child past its time is ended with
 * its whole process tree. Not for children that must outlive the call (the sandbox worker).
 */
public final class ProcessRunner {
    /** What a run came to: the exit code (-1 when it timed out) and the captured text of both streams. */
    public record Result(int exitCode, String stdout, String stderr, boolean timedOut) {
        public boolean succeeded() {
            return !timedOut && exitCode == 0;
        }
    }

    /** How long the end of the output may lag behind the child's exit (a moment for the drains to read it). */
    private static final Duration END_GRACE = Duration.ofSeconds(2);
    /** Whether processes can be looked at in /proc (Linux). */
    private static final boolean PROC = Files.isDirectory(Path.of("/proc", "self"));
    private final List<String> command;
    private Duration timeout = Duration.ofSeconds(10);
    private int outputCap = 1 << 20;
    private String input;
    private boolean mergeErrors;
    private boolean errorsToTerminal;
    private boolean discardOutput;

    public ProcessRunner(List<String> command) {
        this.command = List.copyOf(command);
    }

    public ProcessRunner(String... command) {
        this(List.of(command));
    }

    public ProcessRunner timeout(Duration value) {
        this.timeout = value;
        return this;
    }

    /** Bytes kept of each stream; the rest is read and dropped. */
    public ProcessRunner outputCap(int bytes) {
        this.outputCap = bytes;
        return this;
    }

    /** Text written to the child's stdin, which is then closed (without it stdin is closed at once). */
    public ProcessRunner input(String text) {
        this.input = text;
        return this;
    }

    /** stderr joins stdout, in the order written. */
    public ProcessRunner mergeErrors() {
        this.mergeErrors = true;
        return this;
    }

    /** stderr goes to this process's own stderr (a child whose messages the user should see as they come). */
    public ProcessRunner errorsToTerminal() {
        this.errorsToTerminal = true;
        return this;
    }

    /** Both streams are discarded by the system and no thread reads them (for timing a child's start). */
    public ProcessRunner discardOutput() {
        this.discardOutput = true;
        return this;
    }

    /**
     * Runs the command to its end or its timeout.
     *
     * @throws IOException when the command cannot be started
     * @throws InterruptedException when this thread is interrupted; the child is ended first
     */
    public Result run() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (discardOutput) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        } else if (mergeErrors) {
            builder.redirectErrorStream(true);
        } else if (errorsToTerminal) {
            builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        }
        Process process = builder.start();
        Drain stdout = discardOutput ? null : Drain.start(process.getInputStream(), outputCap, "stdout");
        Drain stderr = discardOutput || mergeErrors || errorsToTerminal
                ? null : Drain.start(process.getErrorStream(), outputCap, "stderr");
        Thread writer = writeInput(process);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                endTree(process);
                long grace = System.nanoTime() + END_GRACE.toNanos(); // the ended tree's pipes close at once
                return new Result(-1, textOf(stdout, grace), textOf(stderr, grace), true);
            }
        } catch (InterruptedException e) {
            endTree(process);
            throw e;
        }
        if (writer != null) {
            writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        return new Result(process.exitValue(), textOf(stdout, deadline), textOf(stderr, deadline), false);
    }

    /**
     * Ends the child and everything it started, children first, so none keeps running or holds our pipes.
     *
     * <p>A kill is delivered at once but takes effect a moment later, so this waits (bounded) until the tree is gone.
     * The child is ours to wait for. Its descendants are not: once their parent is killed they belong to the host's
     * init, and {@link ProcessHandle#onExit()} looks at such a process only every few hundred milliseconds and counts
     * it alive until that init has collected it, which can take seconds; every timeout waited out the whole grace.
     * A killed process that is only waiting to be collected holds nothing any more, so they are looked at directly,
     * after pauses from a millisecond, doubling.
     */
    private static void endTree(Process process) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        long deadline = System.nanoTime() + END_GRACE.toNanos();
        process.waitFor(END_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        for (long pauseMillis = 1; descendants.stream().anyMatch(ProcessRunner::running)
                && System.nanoTime() < deadline; pauseMillis = Math.min(pauseMillis * 2, 100)) {
            Thread.sleep(pauseMillis);
        }
    }

    /** Whether {@code handle} still runs: not ended, and not a killed process waiting to be collected (a zombie). */
    static boolean running(ProcessHandle handle) {
        if (!PROC) {
            return handle.isAlive(); // no /proc to tell a zombie by: not Linux
        }
        Path stat = Path.of("/proc", Long.toString(handle.pid()), "stat");
        try {
            String line = Files.readString(stat);
            char state = line.charAt(line.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    private Thread writeInput(Process process) throws IOException {
        if (input == null) {
            process.getOutputStream().close();
            return null;
        }
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        // on its own thread: a child that does not read would block this write once the pipe is full
        Thread writer = new Thread(() -> {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(bytes);
            } catch (IOException e) {
                // the child closed its stdin or ended; its exit code and output tell the rest
            }
        }, "process-input");
        writer.setDaemon(true);
        writer.start();
        return writer;
    }

    /**
     * The captured text, once the drain has seen the end of its stream. A grandchild that inherited the pipe can
     * hold it open after the child ended; the wait is bounded by the run's deadline and then takes what has arrived.
     */
    private static String textOf(Drain drain, long deadline) throws InterruptedException {
        if (drain == null) {
            return "";
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        drain.thread.join(Math.max(END_GRACE.toMillis(), left));
        return drain.text();
    }

    /** Reads one stream to its end on its own daemon thread, keeping the first {@code cap} bytes. */
    private static final class Drain implements Runnable {
        private final InputStream in;
        private final int cap;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private Thread thread;

        private Drain(InputStream in, int cap) {
            this.in = in;
            this.cap = cap;
        }

        static Drain start(InputStream in, int cap, String name) {
            Drain drain = new Drain(in, cap);
            drain.thread = new Thread(drain, "process-" + name);
            drain.thread.setDaemon(true);
            drain.thread.start();
            return drain;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    synchronized (kept) {
                        int room = cap - kept.size();
                        if (room > 0) {
                            kept.write(buffer, 0, Math.min(n, room));
                        }
                    }
                }
            } catch (IOException e) {
                // the stream closed under us when the child was ended; what was read is kept
            }
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
