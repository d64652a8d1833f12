package io.toolsmith.cli;

import io.toolsmith.data.DataNames;
import io.toolsmith.data.DataTree;
import io.toolsmith.data.DataTreeException;
import io.toolsmith.data.PickleReadException;
import io.toolsmith.data.PickleReader;
import io.toolsmith.data.PyJson;
import io.toolsmith.data.PyTable;
import io.toolsmith.data.PyTreeNode;
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
            description = "Refuse files larger than this (default: ${DEFAULT-VALUE}).")
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
        try {
            show(value, out);
        } catch (StackOverflowError e) {
            throw new ExitCodeException(2, file.getFileName() + " is nested too deeply to show; open it in Python instead.");
        }
        out.flush();
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
        Settings settings = new SettingsStore(root.home().settingsFile()).load();
        return DataCommand.dataFolder(root.home(), settings);
    }

    private void show(PyValue value, PrintWriter out) throws java.io.IOException {
        if (csv) {
            PyTable table = PyTable.of(value).orElseThrow(() -> new ExitCodeException(2,
                    file.getFileName() + " is not a list of records with the same fields, so it has no CSV form; use --json."));
            table.writeCsv(out);
        } else if (json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(PyJson.toJson(value)));
        } else {
            PyTreeNode root = PyTreeNode.root(value);
            out.println(root.summary());
            print(out, root, "  ", 1);
        }
    }

    private void print(PrintWriter out, PyTreeNode node, String indent, int level) {
        int count = node.childCount();
        if (count > 0 && level > depth) {
            out.println(indent + "… (use --depth to show deeper levels)");
            return;
        }
        // One child at a time, depth first: a value shared by two places is shown in full at the first one.
        for (int i = 0; i < Math.min(count, rows); i++) {
            PyTreeNode child = node.children(i, 1).get(0);
            out.println(indent + child.key() + ": " + child.summary());
            print(out, child, indent + "  ", level + 1);
        }
        if (count > rows) {
            out.println(indent + "… " + (count - rows) + " more (use --rows to show more)");
        }
    }
}
