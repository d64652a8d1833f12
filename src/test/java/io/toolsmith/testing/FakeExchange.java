package io.toolsmith.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One request received by {@link FakeHttp} and its response, written with byte-exact control.
 * Used on the connection's own thread only.
 */
public final class FakeExchange {

    /** Thrown by writes and pauses once the client has closed the connection. */
    public static final class ClientGoneException extends IOException {
        ClientGoneException(Throwable cause) {
            super("the client closed the connection", cause);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String method;
    private final String path;
    private final Map<String, String> headers;
    private final byte[] body;
    private boolean headersSent;
    private boolean chunked;
    private boolean finished;
    private boolean sayKeepAlive;

    private FakeExchange(Socket socket, InputStream in, String method, String path, Map<String, String> headers,
                     byte[] body) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.method = method;
        this.path = path;
        this.headers = headers;
        this.body = body;
    }

    static FakeExchange read(Socket socket) throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        String requestLine = line(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        String header;
        while ((header = line(in)) != null && !header.isEmpty()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            int size;
            while ((size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0) {
                all.write(in.readNBytes(size));
                line(in);
            }
            line(in);
            body = all.toByteArray();
        } else {
            body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        }
        return new FakeExchange(socket, in, parts[0], parts.length > 1 ? parts[1] : "/", headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        return line.toString(StandardCharsets.ISO_8859_1).replaceAll("\r$", "");
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** A request header by case-insensitive name, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Announces {@code Connection: keep-alive} although the connection is still closed after this response, as
     * llama.cpp's llama-server does after a streamed reply.
     */
    void sayKeepAlive() {
        sayKeepAlive = true;
    }

    /** A whole response with a known length. */
    public void respond(int status, String contentType, byte[] bytes) throws IOException {
        writeHeaders(status, contentType, "Content-Length: " + bytes.length);
        write(bytes);
        finished = true;
    }

    public void respond(int status, String contentType, String text) throws IOException {
        respond(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes one chunk of a chunked response and flushes it; the status line and headers go out with the
     * first chunk only.
     */
    public void chunk(int status, String contentType, byte[] bytes) throws IOException {
        if (!headersSent) {
            writeHeaders(status, contentType, "Transfer-Encoding: chunked");
            chunked = true;
        }
        if (bytes.length > 0) {
            write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII), bytes,
                    "\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Ends a chunked response properly. Called automatically when the handler returns. */
    public void end() throws IOException {
        if (chunked && !finished) {
            write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        finished = true;
    }

    /** Closes the connection without ending the body: the client sees an unexpected end of stream. */
    public void cutOff() throws IOException {
        finished = true;
        socket.close();
    }

    /** Resets the connection (TCP RST) mid-response. */
    public void reset() throws IOException {
        finished = true;
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Waits while watching the connection; throws {@link ClientGoneException} as soon as the client closes. */
    public void pause(Duration duration) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        while (true) {
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                return;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            socket.setSoTimeout((int) Math.min(leftMillis, 100));
            try {
                if (in.read() == -1) {
                    throw new ClientGoneException(null);
                }
            } catch (SocketTimeoutException e) {
                // still connected
            } catch (SocketException e) {
                throw new ClientGoneException(e);
            }
        }
    }

    void finish() throws IOException {
        if (!finished && !headersSent) {
            respond(500, "text/plain", "the test handler wrote no response");
        }
        end();
    }

    private void writeHeaders(int status, String contentType, String lengthHeader) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        head.append(lengthHeader).append(sayKeepAlive ? "\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5, max=100"
                : "\r\nConnection: close").append("\r\n\r\n");
        headersSent = true;
        write(head.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private void write(byte[]... pieces) throws IOException {
        try {
            for (byte[] piece : pieces) {
                out.write(piece);
            }
            out.flush();
        } catch (SocketException e) {
            throw new ClientGoneException(e);
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }
}
