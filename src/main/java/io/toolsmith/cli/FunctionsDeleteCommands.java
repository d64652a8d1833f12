package io.toolsmith.cli;

import io.toolsmith.functions.FunctionLibrary;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code functions delete|undelete}: take functions out of the library, keeping every version for undo. */
final class FunctionsDeleteCommands {
    private FunctionsDeleteCommands() {
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete functions: they are no longer listed, offered to the model or run. "
                    + "Every version is kept, so 'functions undelete NAME' brings one back.")
    static final class Delete extends FunctionsDecisionCommands.Base implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "NAME")
        List<String> names;

        @Override
        public Integer call() throws Exception {
            return parent.withLibrary((library, analyzer) -> FunctionsCommand.forEachName(names, err(), name -> {
                FunctionLibrary.Deleted deleted = library.delete(name);
                out().println("Deleted " + name + (deleted.wholeModule() ? " (module " + deleted.module()
                        + " moved to the trash)." : " (the other functions of module " + deleted.module() + " stay).")
                        + " To undo: toolsmith functions undelete " + name);
                out().flush();
            }));
        }
    }

    @Command(name = "undelete", mixinStandardHelpOptions = true,
            description = "Bring back deleted functions exactly as they were: code, specs, versions and decisions.")
    static final class Undelete extends FunctionsDecisionCommands.Base implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "NAME")
        List<String> names;

        @Override
        public Integer call() throws Exception {
            return parent.withLibrary((library, analyzer) -> FunctionsCommand.forEachName(names, err(), name -> {
                library.undelete(name);
                String status = library.find(name).map(f -> f.status().label()).orElse("unknown");
                out().println("Brought back " + name + " (status: " + status + ").");
                out().flush();
            }));
        }
    }
}
