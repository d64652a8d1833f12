package io.toolsmith.cli;

import io.toolsmith.data.DataNames;
import io.toolsmith.data.PickleReader;
import io.toolsmith.data.PyJson;
import io.toolsmith.data.PyTable;
import io.toolsmith.data.PyTreePrinter;
import io.toolsmith.data.PyValue;
import io.toolsmith.data.UserFiles;
import io.toolsmith.settings.Settings;
import io.toolsmith.settings.SettingsStore;
import java.io.PrintWriter;
import java.nio.file.Path;
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
        } catch (io.toolsmith.util.UserFacingException e) {
            throw new ExitCodeException(2, e.getMessage());
        } catch (java.io.IOException e) {
            throw new ExitCodeException(2, file + " could not be read (" + e.getMessage() + "); check that it is a"
                    + " file you may read.");
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
     * A file in the data folder (named by its path there, or through a link of the user's that leads into it) is
     * read through the data tree: the functions made it, so a link there is not followed and a pipe is not opened.
     * Any other file is the user's own and is read as given, but only when it is a regular file.
     */
    private PyValue read() throws io.toolsmith.util.UserFacingException, java.io.IOException {
        long maxBytes = maxMib * 1024 * 1024;
        Path data = dataFolder();
        String name = UserFiles.inDataFolder(file, data).map(DataNames::display)
                .orElse(file.getFileName() == null ? file.toString() : file.getFileName().toString());
        byte[] bytes = UserFiles.read(file, data, maxBytes, size -> name + " is " + size + " bytes, more than the "
                + maxBytes + " this command reads; raise --max-mib to open it.");
        return new PickleReader(maxBytes).read(name, bytes);
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
