package io.toolsmith.ui.code;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * Regex highlighting for the languages the chat shows most: Python, JSON and unified diffs.
 * Pure computation on strings; safe to call on any thread (the code views call it off the FX
 * thread for large blocks). Unknown languages get a single plain span.
 */
public final class SyntaxHighlighter {
    private static final String[] PY_KEYWORDS = {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
        "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
        "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"};

    private static final Pattern PYTHON = Pattern.compile(
            "(?<COMMENT>#[^\n]*)"
            + "|(?<STRING>\"\"\"(?:.|\\R)*?\"\"\"|'''(?:.|\\R)*?'''|[rbfuRBFU]{0,2}\"(?:[^\"\\\\\n]|\\\\.)*\"?"
            + "|[rbfuRBFU]{0,2}'(?:[^'\\\\\n]|\\\\.)*'?)"
            + "|(?<DECORATOR>@[\\w.]+)"
            + "|(?<KEYWORD>\\b(?:" + String.join("|", PY_KEYWORDS) + ")\\b)"
            + "|(?<NUMBER>\\b\\d[\\d_]*(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b)");

    private static final Pattern JSON = Pattern.compile(
            "(?<KEY>\"(?:[^\"\\\\\n]|\\\\.)*\"(?=\\s*:))"
            + "|(?<STRING>\"(?:[^\"\\\\\n]|\\\\.)*\"?)"
            + "|(?<LITERAL>\\b(?:true|false|null)\\b)"
            + "|(?<NUMBER>-?\\b\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b)");

    private static final Pattern DIFF = Pattern.compile(
            "(?m)(?<ADDED>^\\+[^\n]*)|(?<REMOVED>^-[^\n]*)|(?<HUNK>^@@[^\n]*)");

    private static final List<String> PY_GROUPS = List.of("COMMENT", "STRING", "DECORATOR", "KEYWORD", "NUMBER");
    private static final List<String> JSON_GROUPS = List.of("KEY", "STRING", "LITERAL", "NUMBER");
    private static final List<String> DIFF_GROUPS = List.of("ADDED", "REMOVED", "HUNK");

    private SyntaxHighlighter() {
    }

    /** Normalises a fenced block's info string to a language we highlight ("python", "json", "diff") or "". */
    public static String languageOf(String info) {
        String lang = info == null ? "" : info.trim().toLowerCase(Locale.ROOT);
        return switch (lang) {
            case "python", "py", "python3", "function_call", "tool_code" -> lang.equals("function_call") ? "json" : "python";
            case "json", "function_spec", "function_output", "jsonc" -> "json";
            case "diff", "patch" -> "diff";
            default -> "";
        };
    }

    public static StyleSpans<Collection<String>> highlight(String language, String text) {
        return switch (language) {
            case "python" -> spans(PYTHON, PY_GROUPS, text);
            case "json" -> spans(JSON, JSON_GROUPS, text);
            case "diff" -> spans(DIFF, DIFF_GROUPS, text);
            default -> plain(text);
        };
    }

    private static StyleSpans<Collection<String>> spans(Pattern pattern, List<String> groups, String text) {
        Matcher m = pattern.matcher(text);
        StyleSpansBuilder<Collection<String>> builder = new StyleSpansBuilder<>();
        int last = 0;
        while (m.find()) {
            String style = "text";
            for (String g : groups) {
                if (m.group(g) != null) {
                    style = g.toLowerCase(Locale.ROOT).replace("added", "diff-added")
                            .replace("removed", "diff-removed").replace("hunk", "diff-hunk");
                    break;
                }
            }
            builder.add(List.of("text"), m.start() - last);
            builder.add(List.of(style), m.end() - m.start());
            last = m.end();
        }
        builder.add(List.of("text"), text.length() - last);
        return builder.create();
    }

    private static StyleSpans<Collection<String>> plain(String text) {
        StyleSpansBuilder<Collection<String>> builder = new StyleSpansBuilder<>();
        builder.add(List.of("text"), text.length());
        return builder.create();
    }
}
