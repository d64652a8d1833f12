package io.toolsmith.data;

/**
 * Where a value was first written: a parent and a segment (a key or an index), turned into a JSON pointer only
 * when a reference needs it. Keeping whole pointer strings would cost memory quadratic in the nesting depth.
 */
record PyJsonPointer(PyJsonPointer parent, Object segment) {
    /** The pointer text, or null when longer than {@code max} characters. */
    String render(long max) {
        if (parent == null) {
            return (String) segment;
        }
        java.util.ArrayDeque<Object> segments = new java.util.ArrayDeque<>();
        long length = 1;
        PyJsonPointer p = this;
        for (; p.parent != null; p = p.parent) {
            length += 1 + (p.segment instanceof String s ? s.length() : 10);
            if (length > max) {
                return null;
            }
            segments.push(p.segment);
        }
        StringBuilder text = new StringBuilder((String) p.segment);
        for (Object s : segments) {
            text.append('/').append(s instanceof String str ? PyJson.escape(str) : s.toString());
        }
        return text.length() > max ? null : text.toString();
    }
}
