package io.toolsmith.protocol;

/** Decodes one backslash escape of a Python str literal, as Python itself would, without evaluating anything. */
final class PythonEscapes {
    private PythonEscapes() {
    }

    /** Appends the decoded escape starting at {@code src[at] == '\\'} and returns the position after it. */
    static int decode(String src, int at, StringBuilder out) throws ToolCodeException {
        char e = src.charAt(at + 1);
        int next = at + 2;
        switch (e) {
            case '\n' -> { }
            case '\\', '\'', '"' -> out.append(e);
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000b');
            case 'x' -> next = hex(src, next, 2, out);
            case 'u' -> next = hex(src, next, 4, out);
            case 'U' -> next = hex(src, next, 8, out);
            case 'N' -> next = named(src, next, out);
            default -> {
                if (e >= '0' && e <= '7') {
                    int end = at + 1;
                    while (end < src.length() && end < at + 4 && src.charAt(end) >= '0' && src.charAt(end) <= '7') {
                        end++;
                    }
                    out.appendCodePoint(Integer.parseInt(src.substring(at + 1, end), 8));
                    next = end;
                } else {
                    // Python keeps unknown escapes as written.
                    out.append('\\').append(e);
                }
            }
        }
        return next;
    }

    private static int hex(String src, int from, int digits, StringBuilder out) throws ToolCodeException {
        if (from + digits > src.length()) {
            throw badEscape();
        }
        try {
            out.appendCodePoint(Integer.parseUnsignedInt(src.substring(from, from + digits), 16));
        } catch (IllegalArgumentException e) {
            throw badEscape();
        }
        return from + digits;
    }

    private static int named(String src, int from, StringBuilder out) throws ToolCodeException {
        int close = src.indexOf('}', from);
        if (from >= src.length() || src.charAt(from) != '{' || close < 0) {
            throw badEscape();
        }
        try {
            out.appendCodePoint(Character.codePointOf(src.substring(from + 1, close)));
        } catch (IllegalArgumentException e) {
            throw badEscape();
        }
        return close + 1;
    }

    private static ToolCodeException badEscape() {
        return new ToolCodeException("The tool_code block has a string with an invalid escape sequence; "
                + "write the character itself or a valid \\x, \\u or \\N{…} escape.");
    }
}
