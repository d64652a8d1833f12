package io.toolsmith.cli;

import io.toolsmith.data.DataNames;
import io.toolsmith.data.DataTree;
import io.toolsmith.data.DataTreeException;
import io.toolsmith.data.PickleReadException;
import io.toolsmith.data.PickleReader;
import io.toolsmith.data.PyJson;
import io.toolsmith.data.PyTable;
import io.toolsmith.data.PyTreePrinter;
import io.toolsmith.data.PyValue;
import io.toolsmith.settings.Settings;
import io.toolsmith.settings.SettingsStore;
import io.toolsmith.util.Json;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code toolsmith inspect FILE [--json]}: shows a pickle file as an indented tree or as the JSON mapping. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show a pickle file without running any of its code.")
public final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The pickle file.")
    Path file;

    @Option(names = "--json", description = "Print the JSON mapping (see README, \"Data files as JSON\").")
    boolean json;

    @Option(names = "--csv", description = "Print a list of records as CSV (refused for other values).")
    boolean csv;

    @Option(names = "--rows", defaultValue = "20", paramLabel = "N",
            description = "Items shown per container in the tree (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--depth", defaultValue = "12", paramLabel = "N",
            description = "Levels shown in the tree (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--max-mib", defaultValue = "256", paramLabel = "MIB",
            description = "Refuse files larger than this, and stop output at this many MiB of text (default: ${DEFAULT-VALUE}).")
    long maxMib;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PyValue value;
        try {
            value = read();
        } catch (PickleReadException | DataTreeException e) {
            throw new ExitCodeException(2, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        String stopped = show(value, out);
        out.flush();
        if (stopped != null && (json || csv)) {
            // The tree is a view and says so in its last line; JSON and CSV are data, so a cut is an error.
            throw new ExitCodeException(2, file.getFileName() + " was shown only in part: " + stopped
                    + ". Raise --max-mib to allow more output, or use the tree view, which shows any depth with --depth.");
        }
        return 0;
    }

    /**
     * A file in the data folder is read through the data tree: the functions made it, so a link there is not
     * followed and a pipe is not opened. Any other file is the user's own and is read as given.
     */
    private PyValue read() throws PickleReadException, DataTreeException, java.io.IOException {
        PickleReader reader = new PickleReader(maxMib * 1024 * 1024);
        Path data = dataFolder().toAbsolutePath().normalize();
        Path target = file.toAbsolutePath().normalize();
        if (Files.isDirectory(data)) {
            Path real = data.toRealPath();
            Path inside = target.startsWith(data) ? data.relativize(target)
                    : target.startsWith(real) ? real.relativize(target) : null;
            if (inside != null && inside.getNameCount() > 0 && !inside.toString().isEmpty()) {
                List<String> names = new ArrayList<>();
                inside.forEach(name -> names.add(name.toString()));
                String relative = String.join("/", names);
                DataTree tree = new DataTree(data);
                return reader.read(DataNames.display(relative), tree.read(relative, maxMib * 1024 * 1024));
            }
        }
        return reader.read(file);
    }

    private Path dataFolder() {
        ToolsmithCommand root = (ToolsmithCommand) spec.root().userObject();
        Settings settings = new SettingsStore(root.home().settingsFile()).current();
        return DataCommand.dataFolder(root.home(), settings);
    }

    /** @return null when shown in full, else why the output stopped (it never grows past --max-mib MiB of text) */
    private String show(PyValue value, PrintWriter out) throws java.io.IOException {
        long maxChars = Math.max(16, maxMib) * 1024 * 1024;
        if (csv) {
            PyTable table = PyTable.of(value).orElseThrow(() -> new ExitCodeException(2,
                    file.getFileName() + " is not a list of records with the same fields, so it has no CSV form; use --json."));
            return table.writeCsv(out, maxChars);
        } else if (json) {
            String stopped = PyJson.write(value, out, true, maxChars);
            out.println();
            return stopped;
        }
        return PyTreePrinter.print(value, out, rows, depth, maxChars);
    }
}
