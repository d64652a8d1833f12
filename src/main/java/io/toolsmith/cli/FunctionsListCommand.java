package io.toolsmith.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.toolsmith.functions.FunctionEntry;
import io.toolsmith.util.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code toolsmith functions list [--json]}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List every function with its module, status, version, effects and call policy.")
final class FunctionsListCommand implements Callable<Integer> {

    @ParentCommand
    FunctionsCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<FunctionEntry> entries = parent.withLibrary((library, analyzer) -> library.list());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            for (FunctionEntry e : entries) {
                array.addObject().put("name", e.name()).put("module", e.module()).put("status", e.status().label())
                        .put("version", e.version()).put("network", e.network()).put("policy", e.policy().label());
                ArrayNode effects = array.get(array.size() - 1).withArray("effects");
                e.effects().list().forEach(effect -> effects.add(effect.wire()));
            }
            out.println(Json.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(array));
        } else if (entries.isEmpty()) {
            out.println("The library is empty. Functions appear here when the model writes them in a chat, "
                    + "or with 'toolsmith functions import FILE.py'.");
        } else {
            String format = "%-28s %-24s %-11s %7s  %-28s %s%n";
            out.printf(format, "NAME", "MODULE", "STATUS", "VERSION", "EFFECTS", "POLICY");
            for (FunctionEntry e : entries) {
                out.printf(format, e.name(), e.module(), e.status().label(), e.version(), e.effects().badges(),
                        e.policy().label());
            }
        }
        out.flush();
        return 0;
    }
}
