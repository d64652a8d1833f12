package io.toolsmith.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.sandbox.CallOutcome;
import io.toolsmith.sandbox.LocalSandbox;
import io.toolsmith.sandbox.SandboxException;
import io.toolsmith.sandbox.SandboxSettings;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import io.toolsmith.util.ProcessRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code toolsmith bench sandbox}: how fast the local sandbox answers a call once warm, how many calls a
 * second it answers when they follow each other with no gap, how long a worker takes to start (bubblewrap
 * included), and how that compares with starting Python at all. Every call runs in a process of its own that
 * the worker forks while it waits; a warm call finds that process waiting (the worker is asked first), and it
 * reads the call itself, so the call costs loading the module, the call and killing the call's processes (under
 * bubblewrap their teardown and reaping come after the reply; without it the reply waits for them). Back to back, each call also waits for
 * the previous call's processes to be reaped and the next one to be forked. Runs in a temporary folder; the
 * user's data is not touched.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "Time sandbox calls: warm round trip (p50/p99), back-to-back rate, cold worker start, and"
                + " `python3 -c pass`.")
public final class BenchSandboxCommand implements Callable<Integer> {
    /** `python -c pass` takes milliseconds; one still running after this is hung, not slow. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--json", description = "Print one JSON object (milliseconds).")
    boolean json;

    @Option(names = "--calls", defaultValue = "1000", description = "Warm calls to time (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--warmup", defaultValue = "200",
            description = "Calls made before timing, so the worker and its caches are warm (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--starts", defaultValue = "7",
            description = "Times each start (a worker's, Python's) is measured; the median is shown (default: ${DEFAULT-VALUE}).")
    int starts;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, SandboxException, InterruptedException {
        if (calls < 1 || warmup < 0 || starts < 1) {
            throw new ExitCodeException(2, "--calls and --starts must be at least 1 and --warmup at least 0.");
        }
        SandboxSettings settings = SandboxSettings.defaults();
        Path scratch = Files.createTempDirectory("toolsmith-bench-");
        try {
            double[] roundTrips = new double[calls];
            double backToBackSeconds;
            double coldStart;
            String isolation;
            Path executable;
            try (LocalSandbox sandbox = LocalSandbox.open(settings, scratch.resolve("data"), scratch.resolve("work"))) {
                isolation = sandbox.isolation().description();
                executable = sandbox.pythonExecutable();
                sandbox.define("bench", "def echo(value):\n    return value\n", false);
                ObjectNode arguments = Json.MAPPER.createObjectNode().put("value", 1);
                Cancellation cancel = Cancellation.none();
                for (int i = 0; i < warmup; i++) {
                    sandbox.call("warm", "bench", "echo", arguments, cancel);
                }
                for (int i = 0; i < calls; i++) {
                    if (!sandbox.awaitSpareProcess()) {
                        throw new ExitCodeException(1, "The sandbox could not fork a process for the next call.");
                    }
                    long t0 = System.nanoTime();
                    CallOutcome outcome = sandbox.call("c" + i, "bench", "echo", arguments, cancel);
                    roundTrips[i] = (System.nanoTime() - t0) / 1e6;
                    check(outcome);
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    check(sandbox.call("b" + i, "bench", "echo", arguments, cancel));
                }
                backToBackSeconds = (System.nanoTime() - t0) / 1e9;
                double[] workerStarts = new double[starts];
                for (int i = 0; i < workerStarts.length; i++) {
                    sandbox.restartWorker();
                    workerStarts[i] = sandbox.lastWorkerStart().toNanos() / 1e6;
                }
                coldStart = median(workerStarts);
            }
            double pythonStart = pythonStart(List.of(settings.python(), "-c", "pass"), starts);
            double interpreterStart = pythonStart(List.of(executable.toString(), "-c", "pass"), starts);
            Arrays.sort(roundTrips);
            double p50 = percentile(roundTrips, 0.50);
            double p99 = percentile(roundTrips, 0.99);
            print(isolation, executable, p50, p99, calls / backToBackSeconds, coldStart, pythonStart, interpreterStart);
            return 0;
        } finally {
            deleteTree(scratch);
        }
    }

    private static void check(CallOutcome outcome) {
        if (!outcome.ok()) {
            throw new ExitCodeException(1, "A benchmark call failed: " + outcome.error().message());
        }
    }

    private void print(String isolation, Path executable, double p50, double p99, double callsPerSecond,
                       double coldStart, double pythonStart, double interpreterStart) {
        double baseline = Math.min(pythonStart, interpreterStart);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode node = Json.MAPPER.createObjectNode().put("isolation", isolation).put("calls", calls)
                    .put("warmP50Ms", round(p50)).put("warmP99Ms", round(p99))
                    .put("backToBackCallsPerSecond", round(callsPerSecond)).put("coldStartMs", round(coldStart))
                    .put("pythonStartMs", round(pythonStart)).put("interpreterStartMs", round(interpreterStart))
                    .put("ratioP50ToPythonStart", round(p50 / baseline));
            out.println(node);
        } else {
            out.printf(Locale.ROOT, "Sandbox: %s%n", isolation);
            out.printf(Locale.ROOT, "Warm call round trip (%d calls, each in its own process, forked and waiting before"
                    + " the call is sent; timed from sending the call to its result): p50 %.3f ms, p99 %.3f ms"
                    + " (target: p50 under 2 ms)%n", calls, p50, p99);
            out.printf(Locale.ROOT, "Back to back (%d calls with no gap, each also waiting for the previous call's"
                    + " processes to be reaped and the next one forked): %.0f calls/s (%.3f ms a call)%n", calls,
                    callsPerSecond, 1000 / callsPerSecond);
            out.printf(Locale.ROOT, "Cold worker start (median of 5, isolation included): %.1f ms (target: under"
                    + " 100 ms)%n", coldStart);
            out.printf(Locale.ROOT, "`%s -c pass` (median of 7): %.1f ms; %s directly: %.1f ms%n",
                    SandboxSettings.defaults().python(), pythonStart, executable, interpreterStart);
            out.printf(Locale.ROOT, "Warm p50 / Python start: %.4f%n", p50 / baseline);
        }
        out.flush();
    }

    /** Median wall time of starting and ending Python, in milliseconds. */
    private static double pythonStart(List<String> command, int starts) throws IOException, InterruptedException {
        double[] times = new double[starts];
        for (int i = 0; i < times.length; i++) {
            long t0 = System.nanoTime();
            // output discarded by the system, so no reader thread adds to the time measured
            ProcessRunner.Result result = new ProcessRunner(command).discardOutput().timeout(START_TIMEOUT).run();
            times[i] = (System.nanoTime() - t0) / 1e6;
            if (result.timedOut()) {
                throw new IOException(String.join(" ", command) + " did not end within "
                        + START_TIMEOUT.toSeconds() + " seconds and was stopped.");
            }
        }
        return median(times);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 0.5);
    }

    private static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }

    private static void deleteTree(Path root) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(paths::add);
        }
        paths.sort(Comparator.reverseOrder());
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
