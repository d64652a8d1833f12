package io.toolsmith.ui.functions;

import java.util.List;

/**
 * One function version as the review panel shows it. {@code diff} is the unified diff of code and spec
 * against the approved version when the function changed, else empty. {@code importsNetwork} comes from the
 * code analysis and makes the "may use the network" choice appear.
 */
public record FunctionEntry(String id, String module, String name, FunctionStatus status, String description,
                            List<Parameter> parameters, String responses, List<String> errors,
                            List<Example> examples, String code, String diff, List<Check> checks,
                            boolean importsNetwork) {

    public FunctionEntry {
        parameters = List.copyOf(parameters);
        errors = List.copyOf(errors);
        examples = List.copyOf(examples);
        checks = List.copyOf(checks);
    }

    /** A row of the parameter table. */
    public record Parameter(String name, String type, boolean required, String description) {
    }

    /** A spec example: what a user might say, and the arguments it should produce (JSON). */
    public record Example(String prompt, String arguments) {
    }

    /** One result of the code analysis ("defines record_expense", "imports requests"). */
    public record Check(boolean passed, String text) {
    }
}
