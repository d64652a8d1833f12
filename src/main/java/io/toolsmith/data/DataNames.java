package io.toolsmith.data;

import java.util.List;
import java.util.Optional;

/**
 * Paths inside the data folder as Toolsmith keeps them: the file system's own names, joined by '/'. A name can
 * hold anything but '/' and NUL (a backslash, a newline, "..\x" are ordinary names), so joining by '/' loses
 * nothing and nothing is ever rewritten. A path read back from a manifest is hostile until {@link #elements}
 * has checked it: no empty, "." or ".." element, so it cannot leave the folder.
 */
public final class DataNames {
    private DataNames() {
    }

    /** The elements of {@code path}, or empty when the path is not a plain relative path inside the folder. */
    public static Optional<List<String>> elements(String path) {
        if (path == null || path.isEmpty() || path.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        List<String> names = List.of(path.split("/", -1));
        for (String name : names) {
            if (name.isEmpty() || name.equals(".") || name.equals("..")) {
                return Optional.empty();
            }
        }
        return Optional.of(names);
    }

    /** The parent path of {@code path}, or "" for a top-level name. */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /**
     * {@code path} for a terminal or a list: newline, tab and carriage return as {@code \n}, {@code \t},
     * {@code \r}, other control characters as {@code \xNN}, invisible format characters (bidirectional overrides)
     * and line separators as {@code \}{@code uNNNN}, and the backslash itself doubled, so that a shown name
     * means exactly one real name. JSON output keeps the exact name instead.
     */
    public static String display(String path) {
        StringBuilder out = null;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            String escape = escape(c);
            if (escape != null && out == null) {
                out = new StringBuilder(path.length() + 8).append(path, 0, i);
            }
            if (out != null) {
                out.append(escape != null ? escape : String.valueOf(c));
            }
        }
        return out == null ? path : out.toString();
    }

    private static String escape(char c) {
        switch (c) {
            case '\n': return "\\n";
            case '\t': return "\\t";
            case '\r': return "\\r";
            case '\\': return "\\\\";
            default:
                if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                    return String.format("\\x%02x", (int) c);
                }
                int type = Character.getType(c);
                if (type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                    return String.format("\\u%04x", (int) c);
                }
                return null;
        }
    }
}
