package io.toolsmith.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.util.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the worker's reply lines with a size bound: the worker is the app's own code, but it runs next to
 * untrusted functions, so a line is never allowed to grow without limit in the app's memory.
 * Not thread-safe.
 */
final class ReplyReader {
    /** A line went past the bound before its end. */
    static final class TooLong extends IOException {
        TooLong(long limit) {
            super("a reply line is longer than " + limit + " bytes");
        }
    }

    private final InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private int pos;
    private int end;
    private ByteArrayOutputStream line = new ByteArrayOutputStream();

    ReplyReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next line parsed as JSON, or null at the end of the stream (a last line without its newline
     * counts as cut off, not as a reply).
     *
     * @throws TooLong when the line reaches {@code limit} bytes before its newline
     */
    JsonNode next(long limit) throws IOException {
        resetLine();
        while (true) {
            if (pos == end) {
                int n = in.read(chunk);
                if (n <= 0) {
                    return null;
                }
                pos = 0;
                end = n;
            }
            int newline = pos;
            while (newline < end && chunk[newline] != '\n') {
                newline++;
            }
            if ((long) line.size() + (newline - pos) > limit) {
                throw new TooLong(limit);
            }
            if (newline < end) {
                JsonNode node;
                if (line.size() == 0) {
                    node = Json.MAPPER.readTree(chunk, pos, newline - pos);
                } else {
                    line.write(chunk, pos, newline - pos);
                    node = Json.MAPPER.readTree(line.toByteArray());
                }
                pos = newline + 1;
                return node;
            }
            line.write(chunk, pos, end - pos);
            pos = end;
        }
    }

    private void resetLine() {
        // After a large reply, give its buffer back instead of keeping megabytes for small lines.
        if (line.size() > (1 << 20)) {
            line = new ByteArrayOutputStream();
        } else {
            line.reset();
        }
    }
}
