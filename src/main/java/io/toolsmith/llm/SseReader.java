package io.toolsmith.llm;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads server-sent events as llama.cpp, LM Studio, vLLM and Ollama's /v1 write them: {@code data:} with or
 * without a space, events ended by a blank line, {@code :} comment and keep-alive lines, {@code \r\n} endings.
 * Only the data of each event is returned; an {@code error:} field line (older llama.cpp) or an
 * {@code event: error} event is returned flagged as an error. One reader thread.
 */
final class SseReader {

    /** The data of one event; {@code error} is true when the server marked it as an error. */
    record Event(String data, boolean error) {
    }

    private final LineReader lines;

    SseReader(InputStream in) {
        this.lines = new LineReader(in);
    }

    /** The next event with data, or null at the end of the stream. */
    Event next() throws IOException {
        StringBuilder data = null;
        boolean error = false;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(data.toString(), error);
                }
                error = false;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "event" -> error |= value.strip().equals("error");
                case "id", "retry" -> {
                    // standard fields without meaning here
                }
                default -> {
                    // Not an SSE field: servers use such lines (e.g. "error: {…}") to report failures.
                    return new Event(line, true);
                }
            }
        }
        return data == null ? null : new Event(data.toString(), error);
    }
}
