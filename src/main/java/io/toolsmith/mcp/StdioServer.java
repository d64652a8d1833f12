package io.toolsmith.mcp;

import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.toolsmith.app.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** {@code toolsmith mcp}: serves the home over stdio until the host closes it. */
public final class StdioServer {
    private StdioServer() {
    }

    /** Blocks until the host closes stdin; {@code out} carries nothing but the protocol's messages. */
    public static void serve(Engine engine, InputStream in, OutputStream out) throws IOException, InterruptedException {
        HostLines.LineOutput lines = new HostLines.LineOutput(out);
        EndOfInput input = new EndOfInput(HostLines.start(in, lines, ToolsmithMcpServer.jsonMapper()));
        try (HomeCalls calls = new HomeCalls(engine);
             ToolsmithMcpServer server = ToolsmithMcpServer.start(engine, calls,
                     new StdioServerTransportProvider(ToolsmithMcpServer.jsonMapper(), input, lines))) {
            input.await();
        }
    }
}
