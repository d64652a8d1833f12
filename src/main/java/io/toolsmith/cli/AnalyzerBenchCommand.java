package io.toolsmith.cli;

import io.toolsmith.functions.PythonAnalyzer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code toolsmith bench analyzer}: how long a static check of a code block takes with one persistent
 * {@code python3} process versus one process per check. The input is the analyzer's own source (~500 lines).
 */
@Command(name = "analyzer", mixinStandardHelpOptions = true,
        description = "Time the Python code analysis: one persistent process vs. one process per check.")
final class AnalyzerBenchCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--rounds", defaultValue = "20", description = "Checks per mode (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws Exception {
        String code;
        try (InputStream in = AnalyzerBenchCommand.class.getResourceAsStream("/sandbox/analysis.py")) {
            code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Analysing a %d-line code block %d times per mode.%n", code.split("\n").length, rounds);
        for (PythonAnalyzer.Mode mode : PythonAnalyzer.Mode.values()) {
            try (PythonAnalyzer analyzer = new PythonAnalyzer("python3", mode)) {
                long first = time(analyzer, code);
                long[] times = new long[rounds];
                for (int i = 0; i < rounds; i++) {
                    times[i] = time(analyzer, code);
                }
                Arrays.sort(times);
                out.printf("%-10s first %6.1f ms   median %6.1f ms   p90 %6.1f ms%n", mode.name().toLowerCase(),
                        first / 1e6, times[rounds / 2] / 1e6, times[Math.min(rounds - 1, rounds * 9 / 10)] / 1e6);
                out.flush();
            }
        }
        return 0;
    }

    private static long time(PythonAnalyzer analyzer, String code) throws Exception {
        long start = System.nanoTime();
        analyzer.analyze(code);
        return System.nanoTime() - start;
    }
}
