package io.toolsmith.cli;

import io.toolsmith.data.PickleReadException;
import io.toolsmith.data.PickleReader;
import io.toolsmith.data.PyJson;
import io.toolsmith.data.PyTreeNode;
import io.toolsmith.data.PyValue;
import io.toolsmith.util.Json;
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

    @Option(names = "--rows", defaultValue = "20", paramLabel = "N",
            description = "Items shown per container in the tree (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--max-mib", defaultValue = "256", paramLabel = "MIB",
            description = "Refuse files larger than this (default: ${DEFAULT-VALUE}).")
    long maxMib;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PyValue value;
        try {
            value = new PickleReader(maxMib * 1024 * 1024).read(file);
        } catch (PickleReadException e) {
            throw new ExitCodeException(2, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(PyJson.toJson(value)));
        } else {
            PyTreeNode root = PyTreeNode.root(value);
            out.println(root.summary());
            print(out, root, "  ");
        }
        out.flush();
        return 0;
    }

    private void print(PrintWriter out, PyTreeNode node, String indent) {
        int count = node.childCount();
        for (PyTreeNode child : node.children(0, rows)) {
            out.println(indent + child.key() + ": " + child.summary());
            print(out, child, indent + "  ");
        }
        if (count > rows) {
            out.println(indent + "… " + (count - rows) + " more (use --rows to show more)");
        }
    }
}
