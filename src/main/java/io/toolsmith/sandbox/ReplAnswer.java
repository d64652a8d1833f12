package io.toolsmith.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.util.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@code sandbox.repl.run} produced: the marked answer line (parsed), every other line in
 * order, and whether the run was stopped (timed out or cancelled) instead of finishing.
 */
record ReplAnswer(JsonNode marked, List<String> otherLines, List<String> stderrLines, String stopped) {
    private static final String TIMED_OUT = "Error: Execution timed out after";

    static ReplAnswer stopped(String why) {
        return new ReplAnswer(null, List.of(), List.of(), why);
    }

    static ReplAnswer parse(JsonNode output, String marker) {
        JsonNode marked = null;
        List<String> other = new ArrayList<>();
        List<String> stderr = new ArrayList<>();
        String stopped = null;
        for (JsonNode entry : output) {
            String text = entry.path("text").asText("");
            boolean isStdout = "stdout".equals(entry.path("stream").asText());
            if (isStdout && marked == null && text.startsWith(marker)) {
                try {
                    marked = Json.MAPPER.readTree(text.substring(marker.length()));
                } catch (IOException e) {
                    other.add(text);
                }
                continue;
            }
            if (!isStdout) {
                if (text.startsWith(TIMED_OUT)) {
                    stopped = "timed out";
                    continue;
                }
                stderr.add(text);
            }
            other.add(text);
        }
        return new ReplAnswer(marked, other, stderr, stopped);
    }

    String otherOutput() {
        return otherLines.isEmpty() ? "" : String.join("\n", otherLines) + "\n";
    }

    String stderrText() {
        return String.join("\n", stderrLines).stripTrailing();
    }

    String lastStderrLine() {
        for (int i = stderrLines.size() - 1; i >= 0; i--) {
            if (!stderrLines.get(i).isBlank()) {
                return stderrLines.get(i).strip();
            }
        }
        return "";
    }
}
