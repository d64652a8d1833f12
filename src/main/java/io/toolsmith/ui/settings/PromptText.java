package io.toolsmith.ui.settings;

import java.util.Map;

/**
 * How the Settings dialog shows an instruction prompt: named in words, and with the file's hard line breaks inside
 * paragraphs taken out, since the text box wraps by itself and both together break lines raggedly. Blocks, lists,
 * headings and blank lines stay as they are, so the model reads the same instructions after an edit. Pure.
 */
final class PromptText {
    private static final Map<String, String> TITLES = Map.of(
            "function-calling", "Instructions for calling functions",
            "function-writing", "Instructions for writing functions");

    private PromptText() {
    }

    /** "Instructions for calling functions" for the file name "function-calling"; other names as they are. */
    static String title(String name) {
        return TITLES.getOrDefault(name, name);
    }

    /** The text with each paragraph's lines joined by a space; code blocks and list items kept line by line. */
    static String unwrap(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        boolean inFence = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            out.append(line);
            if (line.stripLeading().startsWith("```")) {
                inFence = !inFence;
            }
            if (i == lines.length - 1) {
                break;
            }
            boolean join = !inFence && continues(line) && continuation(lines[i + 1]);
            out.append(join ? " " : "\n");
        }
        return out.toString();
    }

    /** Whether a line is prose that a next line may continue (not blank, a heading, a fence or a hard break). */
    private static boolean continues(String line) {
        return !line.isBlank() && !line.startsWith("#") && !line.stripLeading().startsWith("```")
                && !line.endsWith("  ") && !line.startsWith("|");
    }

    /** Whether a line goes on the paragraph before it (not a new block, list item, quote or indented line). */
    private static boolean continuation(String line) {
        return !line.isBlank() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("```")
                && !line.startsWith("#") && !line.startsWith("- ") && !line.startsWith("* ")
                && !line.startsWith("> ") && !line.startsWith("|") && !line.matches("\\d+[.)] .*");
    }
}
