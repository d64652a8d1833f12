package io.toolsmith.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Json;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers calls handed over by other {@code toolsmith mcp} processes of the same home: one request per line,
 * {@code {"client":…,"function":…,"arguments":{…}}}, answered by one {@link CallReply} line.
 */
final class CallSocketServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallSocketServer.class);

    private final ServerSocketChannel server;
    private final Path path;
    private final CallExecutor calls;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mcp-socket");
        t.setDaemon(true);
        return t;
    });

    private CallSocketServer(ServerSocketChannel server, Path path, CallExecutor calls) {
        this.server = server;
        this.path = path;
        this.calls = calls;
    }

    /** Only the lock's holder starts one, so a socket file already there is a dead process's and is replaced. */
    static CallSocketServer start(Path path, CallExecutor calls) throws IOException {
        Files.deleteIfExists(path);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(path));
            // The folder is 0700 already; the socket itself is the user's alone as well.
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        CallSocketServer server = new CallSocketServer(channel, path, calls);
        server.connections.execute(server::acceptLoop);
        return server;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                connections.execute(() -> answer(client));
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("The MCP call socket stopped accepting: {}", e.getMessage());
                }
                return;
            }
        }
    }

    private void answer(SocketChannel client) {
        try (client; InputStream in = new BufferedInputStream(Channels.newInputStream(client));
             OutputStream out = new BufferedOutputStream(Channels.newOutputStream(client))) {
            String line;
            while ((line = SocketLines.read(in)) != null) {
                SocketLines.write(out, Json.MAPPER.writeValueAsString(reply(line)));
            }
        } catch (IOException e) {
            LOG.debug("An MCP call connection ended: {}", e.getMessage());
        }
    }

    private CallReply reply(String line) {
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(line);
        } catch (IOException e) {
            return CallReply.refused("ProtocolError", "The request on Toolsmith's call socket is not JSON.");
        }
        JsonNode arguments = request.path("arguments");
        if (!request.path("function").isTextual() || !(arguments.isObject() || arguments.isMissingNode())) {
            return CallReply.refused("ProtocolError", "The request on Toolsmith's call socket names no function.");
        }
        return calls.call(request.path("client").asText(""), request.path("function").asText(),
                arguments.isObject() ? (ObjectNode) arguments : Json.MAPPER.createObjectNode());
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.debug("The MCP call socket could not be removed: {}", e.getMessage());
        }
        connections.shutdownNow();
    }
}
