package io.toolsmith.functions;

import io.toolsmith.functions.ExampleCheck.Verdict;
import io.toolsmith.functions.ExampleRunner.ExampleRun;
import io.toolsmith.functions.ExampleRunner.Trial;

/** The words for a run of the examples, the same in the window and on the command line. */
public final class ExampleText {
    private ExampleText() {
    }

    /** "✓ passed", "✗ failed", "• ran (no expected result)". */
    public static String verdict(ExampleRun run) {
        return switch (run.verdict()) {
            case PASSED -> "✓ passed";
            case FAILED -> "✗ failed";
            case NO_EXPECTATION -> "• ran (no expected result)";
        };
    }

    /** What the example expects, or null when it states nothing. */
    public static String expected(ExampleRun run) {
        if (run.expectedError() != null) {
            return "the error " + run.expectedError();
        }
        return run.expected() == null ? null : run.expected().toString();
    }

    /** What the call gave: its result as JSON, or the error's name and message. */
    public static String got(ExampleRun run) {
        ExampleResult r = run.result();
        return r.ok() ? String.valueOf(r.result()) : "error " + r.errorName() + ": " + r.errorMessage();
    }

    public static String prompt(ExampleRun run) {
        return run.prompt().isBlank() ? "(no prompt)" : "“" + run.prompt() + "”";
    }

    /** The closing line: how many passed and failed, and whether the function now counts as tested. */
    public static String summary(Trial trial) {
        long passed = trial.runs().stream().filter(r -> r.verdict() == Verdict.PASSED).count();
        long open = trial.runs().stream().filter(r -> r.verdict() == Verdict.NO_EXPECTATION).count();
        int n = trial.runs().size();
        String counts = n + " example" + (n == 1 ? "" : "s") + " run, each on a fresh copy of the data folder: "
                + passed + " passed, " + trial.failures() + " failed"
                + (open == 0 ? "" : ", " + open + " without an expected result") + ".";
        String notice = trial.notice().isEmpty() ? "" : " " + trial.notice();
        if (trial.tested()) {
            return counts + (notice.isEmpty() ? " Marked tested for this code and spec." : notice);
        }
        return counts + (trial.failures() > 0 ? " Not tested."
                : " Not tested: no example states an expected result.") + notice;
    }

    /** A line on where a run of the examples is; empty for a finished run the user started, whose results say it all. */
    public static String state(ExampleRunState run) {
        return switch (run.phase()) {
            case WAITING -> (run.automatic() ? "The code or spec changed: its examples run once another function's "
                    : "The examples run once another function's ") + "have finished…";
            case RUNNING -> run.automatic() ? "The code or spec changed: running its examples on a copy of the data…"
                    : "Running the examples on a copy of the data…";
            case DONE -> run.automatic() ? "The examples ran by themselves after the code or spec changed." : "";
            case CANCELLED -> "Cancelled: the examples were stopped and their copy of the data removed; the data "
                    + "folder was not touched.";
            case FAILED -> run.message();
            case OUTDATED -> "The code or spec changed since the examples last ran; Try with examples runs them again.";
        };
    }
}
