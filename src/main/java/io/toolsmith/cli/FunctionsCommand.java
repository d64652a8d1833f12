package io.toolsmith.cli;

import io.toolsmith.functions.FunctionLibrary;
import io.toolsmith.functions.PythonAnalyzer;
import io.toolsmith.settings.Home;
import io.toolsmith.util.UserFacingException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code toolsmith functions …}: review, approve and manage the library of Python functions. */
@Command(name = "functions", mixinStandardHelpOptions = true,
        description = "List, review, approve, delete, import and export the Python functions the model can call, and go back to "
                + "an earlier version.",
        subcommands = {
                FunctionsListCommand.class,
                FunctionsShowCommand.class,
                FunctionsDecisionCommands.Approve.class,
                FunctionsDecisionCommands.Reject.class,
                FunctionsDecisionCommands.Revoke.class,
                FunctionsDecisionCommands.Policy.class,
                FunctionsDeleteCommands.Delete.class,
                FunctionsDeleteCommands.Undelete.class,
                FunctionsTransferCommands.Import.class,
                FunctionsTransferCommands.Export.class,
                FunctionsTryCommand.class,
                FunctionsVersionCommands.Versions.class,
                FunctionsVersionCommands.Diff.class,
                FunctionsVersionCommands.Rollback.class,
        })
public final class FunctionsCommand implements Runnable {

    @ParentCommand
    ToolsmithCommand root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Work with the library in the chosen home folder; the analyzer process ends when the action returns. */
    <T> T withLibrary(LibraryAction<T> action) throws UserFacingException {
        Home home = root.home();
        try (PythonAnalyzer analyzer = new PythonAnalyzer()) {
            return action.run(new FunctionLibrary(home.functions(), analyzer), analyzer);
        }
    }

    @FunctionalInterface
    interface LibraryAction<T> {
        T run(FunctionLibrary library, PythonAnalyzer analyzer) throws UserFacingException;
    }

    /** Runs {@code each} for every name, reporting failures as sentences; exit code 1 if any failed. */
    static int forEachName(Iterable<String> names, PrintWriter err, NameAction each) {
        int failures = 0;
        for (String name : names) {
            try {
                each.run(name);
            } catch (UserFacingException e) {
                err.println(e.getMessage());
                failures++;
            }
        }
        err.flush();
        return failures == 0 ? 0 : 1;
    }

    @FunctionalInterface
    interface NameAction {
        void run(String name) throws UserFacingException;
    }
}
