package io.toolsmith.functions;

/**
 * Where one function's latest run of its examples is: waiting for another function's run to end, running, done with
 * its {@link ExampleRunner.Trial}, cancelled, failed with a sentence (the examples could not run at all), or outdated:
 * the function changed since and its examples were not run again (automatic runs are off), so nothing is shown.
 *
 * @param automatic whether a change of the function's code or spec started it, rather than the user's Try
 * @param trial     the outcome when {@code phase} is DONE, else null
 * @param message   why the run failed when {@code phase} is FAILED, else empty
 */
public record ExampleRunState(String function, Phase phase, boolean automatic, ExampleRunner.Trial trial,
                              String message) {
    public enum Phase { WAITING, RUNNING, DONE, CANCELLED, FAILED, OUTDATED }

    public ExampleRunState {
        message = message == null ? "" : message;
    }

    /** Whether the run is still to end: it can be cancelled, and another is not started beside it. */
    public boolean active() {
        return phase == Phase.WAITING || phase == Phase.RUNNING;
    }

    ExampleRunState to(Phase next) {
        return new ExampleRunState(function, next, automatic, null, "");
    }
}
