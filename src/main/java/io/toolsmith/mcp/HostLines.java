package io.toolsmith.mcp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's lines on their way to the MCP SDK, which stops reading for good at the first line it cannot take as a
 * message: the server then answers nothing more and, since nothing reads stdin any longer, never sees the host close
 * it. So each line is checked here first. A blank line is dropped; a line that is no JSON-RPC message is answered
 * with JSON-RPC's error for it (parse error, or invalid request) and the server goes on; only messages reach the SDK.
 */
final class HostLines {
    private static final Logger LOG = LoggerFactory.getLogger(HostLines.class);
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;

    private HostLines() {
    }

    /**
     * Starts reading {@code host} on a thread of its own and returns what the SDK should read instead: the messages,
     * and the end of input when the host's ends. Answers go to {@code out}, the SDK's own output.
     */
    static InputStream start(InputStream host, LineOutput out, McpJsonMapper mapper) throws IOException {
        PipedOutputStream toSdk = new PipedOutputStream();
        // a pipe as large as the SDK reads at once, so that a long message does not wait on many small hand-overs
        PipedInputStream sdkSide = new PipedInputStream(toSdk, 1 << 16);
        Thread reader = new Thread(() -> pass(host, toSdk, out, mapper), "mcp-host-lines");
        reader.setDaemon(true);
        reader.start();
        return sdkSide;
    }

    private static void pass(InputStream host, PipedOutputStream toSdk, LineOutput out, McpJsonMapper mapper) {
        try (toSdk; BufferedReader lines = new BufferedReader(new InputStreamReader(host, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String refusal = refusal(line, mapper);
                if (refusal == null) {
                    toSdk.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    toSdk.flush();
                } else {
                    out.writeLine(refusal);
                }
            }
        } catch (IOException e) {
            // The host's end broke, or the SDK stopped reading: either way the session is over.
            LOG.debug("Stopped passing the host's lines on: {}", e.toString());
        }
    }

    /** The error to answer with, or null for a message the SDK takes. */
    static String refusal(String line, McpJsonMapper mapper) {
        try {
            McpSchema.deserializeJsonRpcMessage(mapper, line);
            return null;
        } catch (Exception notAMessage) {
            boolean json = isJson(line, mapper);
            LOG.warn("The MCP host sent a line that is not {}; answered with an error.",
                    json ? "a JSON-RPC message" : "JSON");
            ObjectNode error = JsonNodeFactory.instance.objectNode();
            error.put("code", json ? INVALID_REQUEST : PARSE_ERROR);
            error.put("message", json ? "Invalid request: the line is JSON but not a JSON-RPC 2.0 message."
                    : "Parse error: the line is not JSON.");
            ObjectNode reply = JsonNodeFactory.instance.objectNode();
            reply.put("jsonrpc", "2.0");
            reply.putNull("id");
            reply.set("error", error);
            return reply.toString();
        }
    }

    private static boolean isJson(String line, McpJsonMapper mapper) {
        try {
            mapper.readValue(line, Object.class);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * The server's stdout, written a whole line at a time: the SDK writes a message and its newline in two writes, and
     * an answer of {@link HostLines} from another thread must not land between them.
     */
    static final class LineOutput extends OutputStream {
        private final OutputStream out;
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

        LineOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    pending.write(b, start, i + 1 - start);
                    pending.writeTo(out);
                    pending.reset();
                    out.flush();
                    start = i + 1;
                }
            }
            pending.write(b, start, off + len - start);
        }

        synchronized void writeLine(String line) throws IOException {
            pending.writeTo(out); // nothing is pending between whole lines; kept in order if something is
            pending.reset();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public synchronized void flush() throws IOException {
            out.flush();
        }

        @Override
        public synchronized void close() throws IOException {
            pending.writeTo(out);
            pending.reset();
            out.close();
        }
    }
}
