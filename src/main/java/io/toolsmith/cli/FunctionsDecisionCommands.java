package io.toolsmith.cli;

import io.toolsmith.functions.CallPolicy;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code functions approve|reject|revoke|policy}: the user's decisions, pinned to the current code and spec. */
final class FunctionsDecisionCommands {
    private FunctionsDecisionCommands() {
    }

    abstract static class Base {
        @ParentCommand
        FunctionsCommand parent;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve functions as they are now; any later change to code or spec needs a new approval.")
    static final class Approve extends Base implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "NAME")
        List<String> names;

        @Option(names = "--network", description = "Also let these functions use the network, even where the "
                + "checks find no network use in their code.")
        boolean network;

        @Option(names = "--write-data", description = "Also let these functions write the data folder, even where "
                + "the checks find no write in their code.")
        boolean writeData;

        @Option(names = "--processes", description = "Also let these functions start processes, even where the "
                + "checks find none in their code.")
        boolean processes;

        @Override
        public Integer call() throws Exception {
            return parent.withLibrary((library, analyzer) -> FunctionsCommand.forEachName(names, err(), name -> {
                java.util.List<io.toolsmith.functions.Effect> granted = new java.util.ArrayList<>();
                if (network) {
                    granted.add(io.toolsmith.functions.Effect.NETWORK);
                }
                if (writeData) {
                    granted.add(io.toolsmith.functions.Effect.WRITES_DATA);
                }
                if (processes) {
                    granted.add(io.toolsmith.functions.Effect.PROCESSES);
                }
                library.approve(name, io.toolsmith.functions.Effects.of(granted));
                var entry = library.find(name).orElseThrow();
                var approved = entry.approvedEffects();
                out().println("Approved " + name + " to: " + approved.labels() + "."
                        + (approved.has(io.toolsmith.functions.Effect.WRITES_DATA) ? ""
                        : " It runs with the data folder read-only.")
                        + (approved.has(io.toolsmith.functions.Effect.NETWORK) ? "" : " No network access.")
                        + " Calls " + (entry.policy() == CallPolicy.ASK ? "ask you first" : "run when the model "
                        + "makes them") + " (policy " + entry.policy().label() + ").");
                out().flush();
            }));
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject functions; the model is told they will not run.")
    static final class Reject extends Base implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "NAME")
        List<String> names;

        @Override
        public Integer call() throws Exception {
            return parent.withLibrary((library, analyzer) -> FunctionsCommand.forEachName(names, err(), name -> {
                library.reject(name);
                out().println("Rejected " + name + ".");
                out().flush();
            }));
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Withdraw an approval (or rejection); the function waits for review again and will not run.")
    static final class Revoke extends Base implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "NAME")
        List<String> names;

        @Override
        public Integer call() throws Exception {
            return parent.withLibrary((library, analyzer) -> FunctionsCommand.forEachName(names, err(), name -> {
                library.revoke(name);
                String status = library.find(name).map(f -> f.status().label()).orElse("undecided");
                out().println("Revoked the decision on " + name + "; its status is " + status + " again and it will not run.");
                out().flush();
            }));
        }
    }

    @Command(name = "policy", mixinStandardHelpOptions = true,
            description = "Set whether an approved function runs when called (auto) or asks every time (ask); "
                    + "default: ask only for functions that may use the network or start processes.")
    static final class Policy extends Base implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "auto|ask|default")
        String policy;

        @Override
        public Integer call() throws Exception {
            CallPolicy chosen = null;
            if (!policy.equalsIgnoreCase("default")) {
                try {
                    chosen = CallPolicy.valueOf(policy.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new ExitCodeException(2, "The policy must be 'auto', 'ask' or 'default', not '" + policy
                            + "'.");
                }
            }
            CallPolicy set = chosen;
            return parent.withLibrary((library, analyzer) -> {
                library.setPolicy(name, set);
                CallPolicy now = library.find(name).orElseThrow().policy();
                out().println(name + " will " + (now == CallPolicy.ASK ? "ask before every call" : "run when called")
                        + (set == null ? ", the default for what it may do." : "."));
                out().flush();
                return 0;
            });
        }
    }
}
