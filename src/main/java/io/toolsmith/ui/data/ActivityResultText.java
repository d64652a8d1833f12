package io.toolsmith.ui.data;

import io.toolsmith.ui.chat.CallText;

/** How the Activity tab's details show what a call returned or why it failed. */
final class ActivityResultText {
    private ActivityResultText() {
    }

    /**
     * A result as the user reads it: JSON indented one value a line, since compact JSON has no space to wrap at
     * and would run past the edge as one line; other text as it is. The same rule as the call card's result.
     */
    static String readable(String detail) {
        return CallText.prettyJson(detail);
    }
}
