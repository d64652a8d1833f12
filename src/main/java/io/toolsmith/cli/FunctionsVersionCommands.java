package io.toolsmith.cli;

import io.toolsmith.functions.FunctionVersion;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code functions versions|diff|rollback}: every stored version of a function, and going back to one. */
final class FunctionsVersionCommands {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private FunctionsVersionCommands() {
    }

    @Command(name = "versions", mixinStandardHelpOptions = true,
            description = "List every stored version of a function: number, date, hash, decision, and which is current.")
    static final class Versions extends FunctionsDecisionCommands.Base implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            List<FunctionVersion> versions = parent.withLibrary((library, analyzer) -> library.versions(name));
            if (versions.isEmpty()) {
                out().println(name + " has no stored versions yet.");
            } else {
                String format = "%7s  %-16s  %-12s  %-10s  %s%n";
                out().printf(format, "VERSION", "SAVED", "HASH", "DECISION", "");
                for (FunctionVersion v : versions) {
                    out().printf(format, v.number(), WHEN.format(v.savedAt()), v.shortHash(), v.decision(),
                            (v.current() ? "current" : "") + (v.hasSpec() ? "" : (v.current() ? ", " : "") + "no spec"));
                }
            }
            out().flush();
            return 0;
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "Show what changed in code and spec from version N to version M (default: as it is now).")
    static final class Diff extends FunctionsDecisionCommands.Base implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "N")
        int from;

        @Parameters(index = "2", paramLabel = "M", arity = "0..1")
        Integer to;

        @Override
        public Integer call() throws Exception {
            String diff = parent.withLibrary((library, analyzer) -> library.diff(name, from, to));
            out().print(diff.isEmpty() ? "No difference: " + name + " is the same in version " + from + " and "
                    + (to == null ? "now" : "version " + to) + ".\n" : diff);
            out().flush();
            return 0;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Make version N of a function current again, saved as a new version. It runs without a "
                    + "new approval only if version N is exactly the code and spec you approved.")
    static final class Rollback extends FunctionsDecisionCommands.Base implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "N")
        int number;

        @Override
        public Integer call() throws Exception {
            List<String> lines = parent.withLibrary((library, analyzer) -> {
                var done = library.rollback(name, number);
                List<String> said = new java.util.ArrayList<>(List.of(done.sentence()));
                List<String> changed = new java.util.ArrayList<>(List.of(name));
                changed.addAll(done.others());
                said.addAll(FunctionsExampleHint.forChanged(library, changed));
                return said;
            });
            lines.forEach(out()::println);
            out().flush();
            return 0;
        }
    }
}
