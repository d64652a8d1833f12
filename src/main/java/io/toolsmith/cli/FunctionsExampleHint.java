package io.toolsmith.cli;

import io.toolsmith.functions.FunctionLibrary;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code functions import} and {@code functions rollback} say about examples: they change functions but do not
 * run their examples (a command does the one thing it was asked, and a script importing files should not start a
 * sandbox and wait for calls), so for each changed function whose spec has examples and that is not tested as it is
 * now, they name the command that runs them.
 */
final class FunctionsExampleHint {
    private FunctionsExampleHint() {
    }

    /** One sentence per function of {@code names} whose examples are worth running now. */
    static List<String> forChanged(FunctionLibrary library, List<String> names) {
        List<String> lines = new ArrayList<>();
        for (String name : names) {
            int examples = library.find(name).filter(f -> f.spec() != null)
                    .map(f -> f.spec().path("examples")).filter(e -> e.isArray()).map(e -> e.size()).orElse(0);
            if (examples > 0 && !library.tested(name)) {
                lines.add(name + "'s spec has " + examples + (examples == 1 ? " example" : " examples")
                        + "; run " + (examples == 1 ? "it" : "them") + " on a copy of the data with 'toolsmith "
                        + "functions try " + name + "'.");
            }
        }
        return lines;
    }
}
