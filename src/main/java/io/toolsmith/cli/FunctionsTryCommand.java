package io.toolsmith.cli;

import io.toolsmith.app.Engine;
import io.toolsmith.app.ScratchExampleExecutor;
import io.toolsmith.functions.ExampleRunner;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code toolsmith functions try NAME}: run the spec's examples on a copy of the data folder. */
@Command(name = "try", mixinStandardHelpOptions = true,
        description = "Run a function's examples in a scratch sandbox with a copy of the data folder (the real data is untouched).")
final class FunctionsTryCommand implements Callable<Integer> {

    @ParentCommand
    FunctionsCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The function's name.")
    String name;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ToolsmithCommand root = parent.root;
        try (Engine engine = Engine.open(root.home(), root.hostOption());
             ScratchExampleExecutor executor = new ScratchExampleExecutor(engine.sandboxSettings(), engine.dataFolder(),
                     engine.snapshots().quota())) {
            ExampleRunner.Trial trial = new ExampleRunner(engine.library(), executor).trial(name);
            var runs = trial.runs();
            int failures = 0;
            for (var run : runs) {
                out.println("Example: " + (run.prompt().isBlank() ? "(no prompt)" : run.prompt()));
                out.println("  arguments: " + run.arguments());
                if (run.result().ok()) {
                    out.println("  result:    " + run.result().result());
                } else {
                    failures++;
                    out.println("  error:     " + run.result().errorName() + ": " + run.result().errorMessage());
                }
            }
            trial.skipped().forEach(out::println);
            out.println(runs.size() + " example" + (runs.size() == 1 ? "" : "s") + " run on a copy of the data folder; "
                    + failures + " failed.");
            return failures == 0 ? 0 : 1;
        }
    }
}
