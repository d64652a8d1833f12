package io.toolsmith.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.data.PickleReader;
import io.toolsmith.data.PyJson;
import io.toolsmith.data.PyValue;
import io.toolsmith.util.Json;
import io.toolsmith.util.ProcessRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code toolsmith bench pickle}: reading a pickle of expense records into the value tree, against Python's
 * own pickle.load of the same file (timed inside Python around the load, and as a whole process); and reading
 * plus writing as JSON a list of 100,000 references to one 1 MiB string, which must stay one string.
 */
@Command(name = "pickle", mixinStandardHelpOptions = true,
        description = "Time reading a pickle of expense records, against Python's pickle.load.")
public final class PickleBenchCommand implements Callable<Integer> {
    /** Generous: writing the largest benchmark file takes seconds; a python3 hung longer than this is stopped. */
    private static final Duration PYTHON_TIMEOUT = Duration.ofMinutes(10);
    private static final String GENERATE = """
            import pickle, random, sys
            random.seed(1)
            cats = ['food', 'rent', 'travel', 'books', 'health', 'fun']
            rows = [{'date': '2024-%02d-%02d' % (i % 12 + 1, i % 28 + 1), 'category': random.choice(cats),
                     'amount': round(random.uniform(1, 500), 2), 'description': 'expense number %d' % i}
                    for i in range(int(sys.argv[2]))]
            with open(sys.argv[1], 'wb') as f:
                pickle.dump(rows, f, pickle.HIGHEST_PROTOCOL)
            """;
    private static final String SHARED = """
            import pickle, sys
            s = 'x' * (1 << 20)
            with open(sys.argv[1], 'wb') as f:
                pickle.dump([s] * 100000, f, pickle.HIGHEST_PROTOCOL)
            """;
    private static final String LOAD = """
            import pickle, sys, time
            with open(sys.argv[1], 'rb') as f:
                t = time.perf_counter()
                pickle.load(f)
                print(time.perf_counter() - t)
            """;

    @Option(names = "--records", defaultValue = "1000000", description = "Records in the pickle (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs of each side (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;
    private long sharedBytes;
    private double sharedSeconds;
    private long sharedChars;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("toolsmith-bench");
        Path file = dir.resolve("expenses.pkl");
        Path shared = dir.resolve("shared.pkl");
        try {
            python(GENERATE, file.toString(), Integer.toString(records));
            PickleReader reader = new PickleReader(Long.MAX_VALUE);
            long warmStart = System.nanoTime();
            PyValue warm = reader.read(file);
            double warmUp = seconds(System.nanoTime() - warmStart);
            warm = null;
            List<Double> java = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                // The previous run's tree is garbage now; collect it outside the timed part so runs start alike.
                System.gc();
                long t = System.nanoTime();
                PyValue v = reader.read(file);
                java.add(seconds(System.nanoTime() - t));
                v = null;
            }
            List<Double> pyLoad = new ArrayList<>();
            List<Double> pyProcess = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                String out = python(LOAD, file.toString());
                pyProcess.add(seconds(System.nanoTime() - t));
                pyLoad.add(Double.parseDouble(out.trim()));
            }
            python(SHARED, shared.toString());
            List<Double> sharedRuns = new ArrayList<>();
            long sharedChars = 0;
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                CountingSink sink = new CountingSink();
                PyJson.write(reader.read(shared), sink, false, Long.MAX_VALUE);
                sharedRuns.add(seconds(System.nanoTime() - t));
                sharedChars = sink.count;
            }
            sharedBytes = Files.size(shared);
            sharedSeconds = median(sharedRuns);
            this.sharedChars = sharedChars;
            report(Files.size(file), warmUp, median(java), median(pyLoad), median(pyProcess));
            return 0;
        } finally {
            Files.deleteIfExists(shared);
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private void report(long bytes, double warmUp, double java, double pyLoad, double pyProcess) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("records", records).put("sharedFileBytes", sharedBytes).put("sharedReadAndJsonMedianSeconds", sharedSeconds)
                    .put("sharedJsonChars", sharedChars).put("fileBytes", bytes).put("runs", runs).put("javaWarmUpSeconds", warmUp)
                    .put("javaMedianSeconds", java).put("pythonLoadMedianSeconds", pyLoad)
                    .put("pythonProcessMedianSeconds", pyProcess).put("ratioToPythonLoad", java / pyLoad)
                    .put("ratioToPythonProcess", java / pyProcess);
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o));
        } else {
            out.printf("Pickle of %,d expense records (%,d bytes), median of %d runs each.%n", records, bytes, runs);
            out.printf("  Toolsmith (read into the value tree): %.3f s  (JVM warm-up run, not counted: %.3f s; heap collected between runs, untimed)%n", java, warmUp);
            out.printf("  python3 pickle.load, inside Python:   %.3f s%n", pyLoad);
            out.printf("  python3 whole process (start+load):   %.3f s%n", pyProcess);
            out.printf("  Ratio Toolsmith / pickle.load: %.2f×   Toolsmith / whole python process: %.2f×%n",
                    java / pyLoad, java / pyProcess);
            out.printf("100,000 references to one 1 MiB string (%,d bytes): read and written as JSON in %.3f s, %,d characters.%n",
                    sharedBytes, sharedSeconds, sharedChars);
        }
        out.flush();
    }

    /** Counts what the JSON writer writes, and keeps nothing. */
    private static final class CountingSink extends java.io.Writer {
        long count;

        @Override
        public void write(char[] buf, int off, int len) {
            count += len;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static String python(String code, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", code));
        cmd.addAll(List.of(args));
        ProcessRunner.Result result = new ProcessRunner(cmd).mergeErrors().timeout(PYTHON_TIMEOUT).run();
        if (result.timedOut()) {
            throw new ExitCodeException(1, "python3 did not finish within " + PYTHON_TIMEOUT.toMinutes()
                    + " minutes while benchmarking and was stopped. Try fewer records.");
        }
        if (result.exitCode() != 0) {
            throw new ExitCodeException(1, "python3 failed while benchmarking: " + result.stdout().strip());
        }
        return result.stdout();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
