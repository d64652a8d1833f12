package io.toolsmith.cli;

import io.toolsmith.functions.FunctionImporter;
import io.toolsmith.functions.LibraryExporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code functions import FILE…} and {@code functions export DIR}. */
final class FunctionsTransferCommands {
    private FunctionsTransferCommands() {
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Add hand-written Python files; specs come from signatures, type hints and docstrings. "
                    + "Imported functions are pending until approved.")
    static final class Import implements Callable<Integer> {
        @ParentCommand
        FunctionsCommand parent;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE.py")
        List<Path> files;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return parent.withLibrary((library, analyzer) -> {
                FunctionImporter importer = new FunctionImporter(library, analyzer);
                return FunctionsCommand.forEachName(files.stream().map(Path::toString).toList(), err, file -> {
                    List<String> names = importer.importFile(Path.of(file));
                    out.println("Imported " + String.join(", ", names) + " from " + file
                            + " (pending; review with 'toolsmith functions show NAME').");
                    FunctionsExampleHint.forChanged(library, names).forEach(out::println);
                    out.flush();
                });
            });
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the approved functions as plain files: DIR/<module>/code.py and <function>.spec.json.")
    static final class Export implements Callable<Integer> {
        @ParentCommand
        FunctionsCommand parent;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DIR")
        Path dir;

        @Override
        public Integer call() throws Exception {
            int count = parent.withLibrary((library, analyzer) -> new LibraryExporter(library).export(dir));
            PrintWriter out = spec.commandLine().getOut();
            out.println(count == 0 ? "No function is approved yet, so nothing was exported."
                    : "Exported " + count + " approved function" + (count == 1 ? "" : "s") + " to " + dir + ".");
            out.flush();
            return 0;
        }
    }
}
