package io.toolsmith.llm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into UTF-8 lines. Bytes are collected until a {@code \n} and only then decoded,
 * so a multi-byte character or a line split across network reads is reassembled intact.
 * A trailing {@code \r} is dropped. Not thread-safe: one reader thread.
 */
final class LineReader {
    /** Ollama's own client accepts lines up to 8 MiB; allow twice that before giving up. */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int position;
    private int limit;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its terminator, or null at the end of the stream (a last unterminated line counts). */
    String readLine() throws IOException {
        while (true) {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    line.write(buffer, position, i - position);
                    position = i + 1;
                    return take();
                }
            }
            line.write(buffer, position, limit - position);
            position = limit;
            if (line.size() > MAX_LINE_BYTES) {
                throw new IOException("a line longer than " + MAX_LINE_BYTES + " bytes");
            }
            int n = in.read(buffer);
            if (n < 0) {
                return line.size() > 0 ? take() : null;
            }
            position = 0;
            limit = n;
        }
    }

    private String take() {
        byte[] bytes = line.toByteArray();
        line.reset();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
