package io.toolsmith.cli;

import io.toolsmith.app.Engine;
import io.toolsmith.app.ScratchExampleExecutor;
import io.toolsmith.data.DataChange;
import io.toolsmith.functions.ExampleRunner;
import io.toolsmith.functions.ExampleText;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code toolsmith functions try NAME}: run the spec's examples, each on a fresh copy of the data folder, and show
 * pass or fail and what each did to the data. Exit code 1 when an example fails.
 */
@Command(name = "try", mixinStandardHelpOptions = true,
        description = "Run a function's examples in a scratch sandbox, each on a fresh copy of the data folder (the "
                + "real data is untouched): pass or fail against the expected results, and the data each changed. "
                + "Exit code 1 when an example fails.")
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
            for (var run : trial.runs()) {
                print(out, run);
            }
            trial.skipped().forEach(out::println);
            out.println(ExampleText.summary(trial));
            return trial.failures() == 0 ? 0 : 1;
        }
    }

    private static void print(PrintWriter out, ExampleRunner.ExampleRun run) {
        out.println(ExampleText.verdict(run) + ": " + ExampleText.prompt(run));
        out.println("  arguments: " + run.arguments());
        String expected = ExampleText.expected(run);
        if (expected != null) {
            out.println("  expected:  " + expected);
        }
        out.println("  got:       " + ExampleText.got(run));
        if (!run.reason().isEmpty()) {
            out.println("  why:       " + run.reason());
        }
        if (run.result().changes().isEmpty()) {
            out.println("  data:      no changes");
        }
        for (DataChange change : run.result().changes()) {
            out.println("  data:      " + change.summary());
            change.records().forEach(r -> out.println("               " + r.line()));
            if (change.more() > 0) {
                out.println("               and " + change.more() + " more");
            }
        }
    }
}
