package io.toolsmith.functions;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.functions.ExampleCheck.Verdict;
import io.toolsmith.sandbox.Grant;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.UserFacingException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Tries a function: runs each of its spec's examples through an {@link ExampleExecutor} (a scratch sandbox on a
 * copy of the data folder, so the real data is untouched), compares each outcome with what the example expects,
 * and keeps a pass as evidence for exactly this code and spec ({@link FunctionLibrary#recordExamples}).
 * Arguments are validated first, as for real calls, and each call is allowed what a real call would be.
 */
public final class ExampleRunner {
    private final FunctionLibrary library;
    private final ExampleExecutor executor;
    private final ArgumentValidator validator = new ArgumentValidator();

    public ExampleRunner(FunctionLibrary library, ExampleExecutor executor) {
        this.library = library;
        this.executor = executor;
    }

    /**
     * One example: its prompt, arguments and expectation ({@code expected}, or null), what running it gave, and
     * how that compares.
     *
     * @param expected      the expected result, or null when none is given
     * @param expectedError the name of the expected error, or null
     * @param reason        why it failed, else empty
     */
    public record ExampleRun(String prompt, JsonNode arguments, JsonNode expected, String expectedError,
                             ExampleResult result, Verdict verdict, String reason) {
        /** An example without an expectation: it fails only by raising. */
        public ExampleRun(String prompt, JsonNode arguments, ExampleResult result) {
            this(prompt, arguments, null, null, result, result.ok() ? Verdict.NO_EXPECTATION : Verdict.FAILED,
                    result.ok() ? "" : "the call raised " + result.errorName());
        }

        public boolean failed() {
            return verdict == Verdict.FAILED;
        }
    }

    /**
     * Every example's run, with what the examples' copy of the data folder left out, which the user must see next
     * to the results: a function that reads a left-out file behaves differently on the real data.
     *
     * @param tested whether this run counts as evidence: no example failed and at least one met its expectation
     * @param notice a sentence about keeping the outcome when that failed, else empty
     */
    public record Trial(List<ExampleRun> runs, List<String> skipped, boolean tested, String notice) {
        public Trial {
            runs = List.copyOf(runs);
            skipped = List.copyOf(skipped);
        }

        public Trial(List<ExampleRun> runs, List<String> skipped) {
            this(runs, skipped, passes(runs), "");
        }

        public long failures() {
            return runs.stream().filter(ExampleRun::failed).count();
        }

        /**
         * An example without an expectation shows only that the call ran; a function is tested when none failed and
         * at least one example's expectation was met.
         */
        static boolean passes(List<ExampleRun> runs) {
            return runs.stream().noneMatch(ExampleRun::failed)
                    && runs.stream().anyMatch(r -> r.verdict() == Verdict.PASSED);
        }
    }

    /** Runs the examples ({@link #run}), keeps the outcome for this code and spec, and reports what the copy left out. */
    public Trial trial(String function) throws UserFacingException {
        return trial(function, new Cancellation());
    }

    /**
     * As {@link #trial(String)}, stopped when {@code cancel} fires: the call under way is killed by the executor and
     * no further example starts. A cancelled run keeps nothing (it says nothing about the function).
     *
     * @throws CancellationException when {@code cancel} fired before the last example's outcome was in
     */
    public Trial trial(String function, Cancellation cancel) throws UserFacingException {
        String hash = library.examplesHash(function);
        List<ExampleRun> runs = run(function, cancel);
        Trial trial = new Trial(runs, executor.skipped());
        try {
            library.recordExamples(function, hash, trial.tested(), runs.size());
        } catch (UserFacingException e) {
            // The results are shown all the same; only the mark could not be kept.
            return new Trial(runs, trial.skipped(), trial.tested(), e.getMessage());
        }
        return trial;
    }

    public List<ExampleRun> run(String function) throws UserFacingException {
        return run(function, new Cancellation());
    }

    /** Each example's run, in the spec's order; see {@link #trial(String, Cancellation)} for {@code cancel}. */
    public List<ExampleRun> run(String function, Cancellation cancel) throws UserFacingException {
        Review review = library.review(function);
        if (review.code() == null || review.spec() == null) {
            throw new UserFacingException(function + " needs both code and a spec before its examples can be tried.");
        }
        JsonNode examples = review.spec().path("examples");
        if (!examples.isArray() || examples.isEmpty()) {
            throw new UserFacingException("The spec of " + function + " has no examples to try.");
        }
        Grant grant = grant(function);
        List<ExampleRun> runs = new ArrayList<>();
        List<String> signature = library.parameterNames(function);
        for (JsonNode example : examples) {
            JsonNode arguments = example.path("parameters");
            var problem = validator.validate(review.spec(), arguments, signature);
            ExampleResult result;
            if (cancel.isCancelled()) {
                throw new CancellationException("The examples of " + function + " were cancelled.");
            }
            if (problem.isPresent()) {
                result = ExampleResult.failure("InvalidArguments", problem.get());
            } else {
                try {
                    result = executor.run(review.entry().module(), review.code(), function, arguments, grant, cancel);
                } catch (Exception e) {
                    result = ExampleResult.failure(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
                }
            }
            if (cancel.isCancelled()) {
                // What the killed call gave ("Cancelled") is no outcome of the example.
                throw new CancellationException("The examples of " + function + " were cancelled.");
            }
            ExampleCheck.Outcome outcome = ExampleCheck.check(example, result);
            JsonNode error = example.get("expected_error");
            runs.add(new ExampleRun(example.path("prompt").asText(""), arguments, example.get("expected"),
                    error == null ? null : error.asText(""), result, outcome.verdict(), outcome.reason()));
        }
        return runs;
    }

    /**
     * What an example call may do: what a real call of the function may (its approved effects), or, before
     * approval, what "Run once" gets: the effects the checks derive from the code, never the network. So a
     * function that is not to write data runs with the copy read-only, and a write it hides fails here too.
     */
    private Grant grant(String function) {
        CallPermit permit = library.permit(function);
        Effects effects = permit.effects() == null ? Effects.ALL : permit.effects();
        boolean approved = permit.kind() == CallPermit.Kind.RUN || permit.kind() == CallPermit.Kind.ASK;
        return (approved ? effects : effects.minus(Effect.NETWORK)).grant();
    }
}
