package io.toolsmith.data;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;

/**
 * {@code toolsmith inspect}'s text view: the {@link PyTreeNode} tree, depth first, one line per value, at most
 * {@code rows} children per container and {@code depth} levels. Iterative, so a value nested a million levels deep
 * cannot overflow the stack; stops with a note line once {@code maxChars} characters are written.
 */
public final class PyTreePrinter {
    private final Writer out;
    private final int rows;
    private final int depth;
    private final long maxChars;
    private long written;

    private PyTreePrinter(Writer out, int rows, int depth, long maxChars) {
        this.out = out;
        this.rows = rows;
        this.depth = depth;
        this.maxChars = maxChars;
    }

    /** @return null when printed in full (within rows and depth), else why the output stopped */
    public static String print(PyValue value, Writer out, int rows, int depth, long maxChars) throws IOException {
        return new PyTreePrinter(out, rows, depth, maxChars).print(PyTreeNode.root(value));
    }

    /** One container being listed: its node, its level (1 for the root's children) and the next child to show. */
    private static final class Frame {
        final PyTreeNode node;
        final int level;
        final int count;
        int next;

        Frame(PyTreeNode node, int level) {
            this.node = node;
            this.level = level;
            this.count = node.childCount();
        }
    }

    private String print(PyTreeNode root) throws IOException {
        line(root.summary());
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(root, 1));
        while (!stack.isEmpty()) {
            if (written > maxChars) {
                String reason = "the output reached " + String.format("%,d", maxChars) + " characters";
                line("… output stopped: " + reason + " (use --rows and --depth to show less, or --json)");
                return reason;
            }
            Frame f = stack.peek();
            if (f.count > 0 && f.level > depth) {
                line(indent(f.level) + "… (use --depth to show deeper levels)");
                stack.pop();
            } else if (f.next < Math.min(f.count, rows)) {
                // One child at a time, depth first: a value shared by two places is shown in full at the first one.
                PyTreeNode child = f.node.children(f.next++, 1).get(0);
                line(indent(f.level) + child.key() + ": " + child.summary());
                stack.push(new Frame(child, f.level + 1));
            } else {
                if (f.count > rows) {
                    line(indent(f.level) + "… " + (f.count - rows) + " more (use --rows to show more)");
                }
                stack.pop();
            }
        }
        out.flush();
        return null;
    }

    private static String indent(int level) {
        return "  ".repeat(level);
    }

    private void line(String text) throws IOException {
        out.write(text);
        out.write(System.lineSeparator());
        written += text.length() + 1;
    }
}
