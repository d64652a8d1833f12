package io.toolsmith.cli;

import io.toolsmith.app.Engine;
import io.toolsmith.mcp.StdioServer;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code toolsmith mcp}: the approved functions as an MCP server on stdin/stdout, for hosts such as Claude Desktop,
 * LM Studio or Jan. Calls run in the window when it is open, else here; see README, "Use from other apps (MCP)".
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = "Serve the approved functions over MCP on stdin/stdout (for Claude Desktop, LM Studio, Jan).")
public final class McpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ToolsmithCommand root = (ToolsmithCommand) spec.root().userObject();
        // stdout carries the protocol alone: anything else printed by mistake goes to stderr instead.
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
        System.setOut(System.err);
        try (Engine engine = Engine.open(root.home(), root.hostOption())) {
            StdioServer.serve(engine, System.in, protocol);
        }
        return 0;
    }
}
