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

    /**
     * The exact name of {@code entry} (the last element of a path from a directory listing) for a sentence, even when
     * Java cannot decode it: valid UTF-8 as {@link #display} shows it, each other byte as {@code \xNN}. The bytes
     * come from the path's URI, which Java builds from the name's bytes, not from its decoded text.
     */
    public static String displayRaw(java.nio.file.Path entry) {
        String raw = entry.toUri().getRawPath();
        if (raw.endsWith("/")) {
            raw = raw.substring(0, raw.length() - 1); // a folder's URI ends with one
        }
        raw = raw.substring(raw.lastIndexOf('/') + 1);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return displayBytes(bytes.toByteArray());
    }

    /** {@code name}'s bytes: valid UTF-8 as {@link #display} shows it, each other byte as {@code \xNN}. */
    static String displayBytes(byte[] name) {
        java.nio.charset.CharsetDecoder decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(name);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(name.length);
        StringBuilder shown = new StringBuilder();
        while (true) {
            java.nio.charset.CoderResult result = decoder.decode(in, out, true);
            shown.append(display(out.flip().toString()));
            out.clear();
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    shown.append(String.format("\\x%02x", in.get() & 0xff));
                }
            } else {
                return shown.toString();
            }
        }
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
