package io.toolsmith.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.toolsmith.cli.ToolsmithCommand;
import io.toolsmith.testing.TestPython;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** Test helpers: runs the real python3 and the real command line in-process. */
final class Python {
    private Python() {
    }

    /**
     * Python that defines {@code expenses(count)}: the tutorial's expense records, the same {@code count} records at
     * every run (imports {@code random} itself).
     */
    static final String EXPENSES = """
            import random
            def expenses(count):
                random.seed(7)
                cats = ['food', 'rent', 'travel', 'books']
                return [{'date': '2024-%02d-%02d' % (i % 12 + 1, i % 28 + 1), 'category': cats[i % 4],
                         'amount': round(random.uniform(1, 500), 2), 'description': 'item %d' % i} for i in range(count)]
            """;

    /** Runs {@code python3 -c code args…} and returns its stdout; fails the test if python fails. */
    static String run(String code, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(TestPython.executable(), "-S", "-c", code));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(120, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), "python3 failed: " + out);
        return out;
    }

    /** Runs a script from the test resources (folder data/) with arguments. */
    static String script(String resource, String... args) throws IOException, InterruptedException {
        try (InputStream in = Python.class.getResourceAsStream("/data/" + resource)) {
            return run(new String(in.readAllBytes(), StandardCharsets.UTF_8), args);
        }
    }

    /** Writes {@code expression}, evaluated by python3, to {@code file} as a pickle of the given protocol. */
    static void pickle(Path file, String expression, int protocol) throws IOException, InterruptedException {
        run("import pickle, sys\nwith open(sys.argv[1], 'wb') as f: pickle.dump(" + expression + ", f, " + protocol + ")",
                file.toString());
    }

    /** A pickle for {@link #pickles}: {@code expression}, evaluated by python3, written to {@code file}. */
    record Pickle(Path file, String expression, int protocol) {
    }

    /**
     * Writes all the pickles in one python3 run: starting python3 costs more than writing a small pickle, so a
     * class writes its fixtures together.
     */
    static void pickles(List<Pickle> pickles) throws IOException, InterruptedException {
        StringBuilder code = new StringBuilder("import pickle, sys\n");
        List<String> files = new ArrayList<>();
        for (Pickle p : pickles) {
            files.add(p.file().toString());
            code.append("with open(sys.argv[").append(files.size()).append("], 'wb') as f: pickle.dump(")
                    .append(p.expression()).append(", f, ").append(p.protocol()).append(")\n");
        }
        run(code.toString(), files.toArray(String[]::new));
    }

    record Result(int exitCode, String out, String err) {
    }

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = ToolsmithCommand.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    static void writeExpenses(Path file, int count) throws IOException, InterruptedException {
        run("""
                import pickle, random, sys
                random.seed(7)
                cats = ['food', 'rent', 'travel', 'books']
                rows = [{'date': '2024-%02d-%02d' % (i % 12 + 1, i % 28 + 1), 'category': cats[i % 4],
                         'amount': round(random.uniform(1, 500), 2), 'description': 'item %d' % i} for i in range(int(sys.argv[2]))]
                with open(sys.argv[1], 'wb') as f: pickle.dump(rows, f, pickle.HIGHEST_PROTOCOL)
                """, file.toString(), Integer.toString(count));
        Files.size(file);
    }
}
