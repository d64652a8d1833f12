package io.toolsmith.ui.data;

import io.toolsmith.util.Json;

/** How the Activity tab's details show what a call returned or why it failed. */
final class ActivityResultText {
    private ActivityResultText() {
    }

    /**
     * A result as the user reads it: JSON indented one value a line, since compact JSON has no space to wrap at
     * and would run past the edge as one line; other text as it is.
     */
    static String readable(String detail) {
        String trimmed = detail.strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return detail;
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Json.MAPPER.readTree(trimmed));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            return detail;
        }
    }
}
