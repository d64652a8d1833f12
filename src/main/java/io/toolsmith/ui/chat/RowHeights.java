package io.toolsmith.ui.chat;

import io.toolsmith.ui.markdown.ParsedMarkdown;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;

/**
 * Heights of chat rows as last laid out, per row, text length and width, and a cheap estimate
 * for rows never laid out. The list measures rows it does not show (to size its scroll bar, and
 * again for every row each time the number of rows changes, which a streamed reply does every
 * few blocks); answering from here instead of building the row's nodes keeps those frames short.
 * FX thread only.
 */
final class RowHeights {
    private static final double LINE = 20;
    private static final double CODE_LINE = 17.5;
    private static final int CODE_MAX_LINES = 24;
    private static final double CHAR_WIDTH = 7.4;

    private record Measured(int textLength, double width, double height) {
    }

    private final Map<MessageRows.Row, Measured> measured = new HashMap<>();

    void clear() {
        measured.clear();
    }

    void put(MessageRows.Row row, int textLength, double width, double height) {
        measured.put(row, new Measured(textLength, width, height));
    }

    /** The height last laid out for this row at this width and text, or NaN. */
    double get(MessageRows.Row row, int textLength, double width) {
        Measured m = measured.get(row);
        return m != null && m.textLength() == textLength && m.width() == width ? m.height() : Double.NaN;
    }

    /** A guess from the blocks' source text: wrapped lines of prose, code capped as the code view is. */
    static double estimate(List<Node> blocks, List<String> sources, boolean header, double width) {
        int perLine = Math.max(20, (int) ((width - 90) / CHAR_WIDTH));
        double height = 28 + (header ? 30 : 0);
        for (int i = 0; i < blocks.size(); i++) {
            String source = sources.get(i);
            long lines = source.chars().filter(c -> c == '\n').count() + 1;
            if (blocks.get(i) instanceof FencedCodeBlock || blocks.get(i) instanceof IndentedCodeBlock) {
                height += Math.min(lines, CODE_MAX_LINES) * CODE_LINE + 16 + 34;
            } else {
                long wrapped = 0;
                for (String line : source.split("\n", -1)) {
                    wrapped += Math.max(1, (line.length() + perLine - 1) / perLine);
                }
                height += wrapped * LINE;
            }
            height += 6;
        }
        return height;
    }

    static double estimate(ParsedMarkdown slice, boolean header, double width) {
        return estimate(slice.blocks(), slice.sources(), header, width);
    }
}
