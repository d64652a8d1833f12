package io.toolsmith.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** Hands calls to the process that holds the home's executor lock (the window, or another {@code toolsmith mcp}). */
final class SocketCalls {
    private final Path socket;

    SocketCalls(Path socket) {
        this.socket = socket;
    }

    /** An open connection, or an exception when nobody listens: then nothing was sent and nothing ran. */
    SocketChannel connect() throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Sends one call over {@code channel} and waits for its reply. */
    CallReply call(SocketChannel channel, String client, String function, ObjectNode arguments) throws IOException {
        ObjectNode request = Json.MAPPER.createObjectNode().put("client", client).put("function", function);
        request.set("arguments", arguments);
        OutputStream out = Channels.newOutputStream(channel);
        InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
        SocketLines.write(out, Json.MAPPER.writeValueAsString(request));
        String line = SocketLines.read(in);
        if (line == null) {
            throw new IOException("the process running the calls closed the connection before it answered");
        }
        return Json.MAPPER.readValue(line, CallReply.class);
    }
}
