package io.toolsmith.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's lines on their way to the MCP SDK, which stops reading for good at the first line it cannot take as a
 * message: the server then answers nothing more and, since nothing reads stdin any longer, never sees the host close
 * it. So each line is checked here first. A blank line is dropped; a line that is no JSON-RPC message is answered
 * with JSON-RPC's error for it (parse error, or invalid request) and the server goes on; only messages reach the SDK.
 *
 * <p>The SDK also ends the session as soon as its input ends, dropping the answers to requests it is still working
 * on. A host may send its requests and close its input at once (a script piping them in, a host shutting down after
 * its last call), so the end of the host's input is passed on only once every request passed on has been answered
 * ({@link #DRAIN}, at most).
 */
final class HostLines {
    private static final Logger LOG = LoggerFactory.getLogger(HostLines.class);
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    /** How long the end of input waits for answers still being worked on: longer than a call may run. */
    static final Duration DRAIN = Duration.ofMinutes(2);
    /** The host's notice that it no longer wants an answer to one of its requests (MCP's cancellation). */
    private static final String CANCELLED = "notifications/cancelled";

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
                McpSchema.JSONRPCMessage message = message(line, mapper);
                if (message == null) {
                    out.writeLine(errorFor(line, mapper));
                    continue;
                }
                out.requests().passedOn(message);
                toSdk.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                toSdk.flush();
            }
            if (!out.requests().awaitAnswered(DRAIN)) {
                LOG.warn("The MCP host closed its input with requests unanswered after {} s; ending anyway.",
                        DRAIN.toSeconds());
            }
        } catch (IOException e) {
            // The host's end broke, or the SDK stopped reading: either way the session is over.
            LOG.debug("Stopped passing the host's lines on: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The line as the SDK reads it, or null for a line the SDK cannot take as a message. */
    private static McpSchema.JSONRPCMessage message(String line, McpJsonMapper mapper) {
        try {
            return McpSchema.deserializeJsonRpcMessage(mapper, line);
        } catch (Exception notAMessage) {
            return null;
        }
    }

    /**
     * JSON-RPC's error for a line that is no message: not JSON at all, JSON past the reader's limits (a string of over
     * 20 million characters, nesting over 1,000 deep), or JSON but no JSON-RPC message.
     */
    private static String errorFor(String line, McpJsonMapper mapper) {
        Shape shape = shapeOf(line, mapper);
        LOG.warn("The MCP host sent a line that is {}; answered with an error.", shape.logged);
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("code", shape == Shape.NOT_A_MESSAGE ? INVALID_REQUEST : PARSE_ERROR);
        error.put("message", shape.answer);
        ObjectNode reply = JsonNodeFactory.instance.objectNode();
        reply.put("jsonrpc", "2.0");
        reply.putNull("id");
        reply.set("error", error);
        return reply.toString();
    }

    /** What a line that is no message is instead. */
    private enum Shape {
        NOT_JSON("not JSON", "Parse error: the line is not JSON."),
        TOO_LARGE("JSON too large or too deeply nested to read",
                "Parse error: the line is too large or too deeply nested to read."),
        NOT_A_MESSAGE("JSON but not a JSON-RPC message", "Invalid request: the line is JSON but not a JSON-RPC 2.0 message.");

        final String logged;
        final String answer;

        Shape(String logged, String answer) {
            this.logged = logged;
            this.answer = answer;
        }
    }

    private static Shape shapeOf(String line, McpJsonMapper mapper) {
        try {
            mapper.readValue(line, Object.class);
            return Shape.NOT_A_MESSAGE;
        } catch (Exception e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof StreamConstraintsException) {
                    return Shape.TOO_LARGE;
                }
            }
            return Shape.NOT_JSON;
        }
    }

    /**
     * The server's stdout, written a whole line at a time: the SDK writes a message and its newline in two writes, and
     * an answer of {@link HostLines} from another thread must not land between them.
     */
    static final class LineOutput extends OutputStream {
        private static final JsonFactory JSON = new JsonFactory();
        private final OutputStream out;
        private final Line pending = new Line();
        private final Requests requests = new Requests();

        LineOutput(OutputStream out) {
            this.out = out;
        }

        /** The host's requests passed on to the SDK, and how many of them its answers, written here, have ended. */
        Requests requests() {
            return requests;
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
                    String answered = pending.answeredId();
                    pending.writeTo(out);
                    pending.reset();
                    out.flush();
                    if (answered != null) {
                        requests.answered(answered);
                    }
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
    /** A line on its way out, readable in place. */
    private static final class Line extends ByteArrayOutputStream {
        /**
         * The id the line answers ({@link Requests#key}), or null when it is no answer (a JSON-RPC response: a result or
         * an error) but a request or notification of the server's own. Read only as far as it takes: the SDK writes
         * the id before the result itself, so a result of megabytes is not read through.
         */
        String answeredId() {
            try (JsonParser parser = LineOutput.JSON.createParser(buf, 0, count)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                String id = null;
                boolean answer = false;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (name.equals("method")) {
                        return null;
                    }
                    if (name.equals("id")) {
                        id = value == JsonToken.VALUE_NUMBER_INT ? Requests.key(parser.getLongValue())
                                : value == JsonToken.VALUE_STRING ? Requests.key(parser.getText()) : null;
                    } else if (name.equals("result") || name.equals("error")) {
                        answer = true;
                    }
                    if (answer && id != null) {
                        return id;
                    }
                    parser.skipChildren();
                }
                return null;
            } catch (IOException notJson) {
                return null;
            }
        }
    }

    /** The requests the SDK has not answered yet, by id. */
    static final class Requests {
        private final Set<String> open = new HashSet<>();
        private boolean initialized;

        /** A request id as a key: a number and a string of the same digits are different ids. */
        static String key(Object id) {
            return id instanceof Number number ? "n" + number.longValue() : id == null ? null : "s" + id;
        }

        /** Notes a message on its way to the SDK: a request to wait for, or the host's word on one. */
        synchronized void passedOn(McpSchema.JSONRPCMessage message) {
            if (message instanceof McpSchema.JSONRPCNotification notification) {
                if (McpSchema.METHOD_NOTIFICATION_INITIALIZED.equals(notification.method())) {
                    initialized = true;
                } else if (CANCELLED.equals(notification.method()) && notification.params() instanceof Map<?, ?> params) {
                    // a cancelled request may get no answer at all
                    answered(key(params.get("requestId")));
                }
            }
            // Before the host says it is initialized, the SDK may drop a request without a word (it answers its
            // initialize): waiting for those would keep the end waiting its whole bound.
            if (message instanceof McpSchema.JSONRPCRequest request && request.id() != null
                    && (initialized || McpSchema.METHOD_INITIALIZE.equals(request.method()))) {
                open.add(key(request.id()));
            }
        }

        synchronized void answered(String id) {
            open.remove(id);
            notifyAll();
        }

        /** Waits until every request sent has been answered, at most {@code limit}; false if some were not. */
        synchronized boolean awaitAnswered(Duration limit) throws InterruptedException {
            long end = System.nanoTime() + limit.toNanos();
            while (!open.isEmpty()) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }
}
