package io.toolsmith.functions;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.util.UserFacingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Tries a function before approval: runs each of its spec's examples through an {@link ExampleExecutor}
 * (a scratch sandbox, so the real data folder is untouched). Arguments are validated first, as for real calls.
 */
public final class ExampleRunner {
    private final FunctionLibrary library;
    private final ExampleExecutor executor;
    private final ArgumentValidator validator = new ArgumentValidator();

    public ExampleRunner(FunctionLibrary library, ExampleExecutor executor) {
        this.library = library;
        this.executor = executor;
    }

    /** One example's prompt and arguments with what running them gave. */
    public record ExampleRun(String prompt, JsonNode arguments, ExampleResult result) {
    }

    /**
     * Every example's run, with what the examples' copy of the data folder left out, which the user must see next
     * to the results: a function that reads a left-out file behaves differently on the real data.
     */
    public record Trial(List<ExampleRun> runs, List<String> skipped) {
        public Trial {
            runs = List.copyOf(runs);
            skipped = List.copyOf(skipped);
        }

        public long failures() {
            return runs.stream().filter(run -> !run.result().ok()).count();
        }
    }

    /** Runs the examples ({@link #run}) and reports what the copy of the data left out. */
    public Trial trial(String function) throws UserFacingException {
        List<ExampleRun> runs = run(function);
        return new Trial(runs, executor.skipped());
    }

    public List<ExampleRun> run(String function) throws UserFacingException {
        Review review = library.review(function);
        if (review.code() == null || review.spec() == null) {
            throw new UserFacingException(function + " needs both code and a spec before its examples can be tried.");
        }
        JsonNode examples = review.spec().path("examples");
        if (!examples.isArray() || examples.isEmpty()) {
            throw new UserFacingException("The spec of " + function + " has no examples to try.");
        }
        List<ExampleRun> runs = new ArrayList<>();
        List<String> signature = library.parameterNames(function);
        for (JsonNode example : examples) {
            JsonNode arguments = example.path("parameters");
            var problem = validator.validate(review.spec(), arguments, signature);
            ExampleResult result;
            if (problem.isPresent()) {
                result = ExampleResult.failure("InvalidArguments", problem.get());
            } else {
                try {
                    result = executor.run(review.entry().module(), review.code(), function, arguments);
                } catch (Exception e) {
                    result = ExampleResult.failure(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
                }
            }
            runs.add(new ExampleRun(example.path("prompt").asText(""), arguments, result));
        }
        return runs;
    }
}
