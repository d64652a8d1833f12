package io.toolsmith.ui.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.ui.markdown.LinkPolicy;
import io.toolsmith.ui.markdown.MarkdownRenderer;
import io.toolsmith.ui.markdown.ParsedMarkdown;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Remembered row heights answer only for the same text and width; estimates follow the text. */
class RowHeightsTest {
    private final MarkdownRenderer renderer = new MarkdownRenderer(new LinkPolicy(url -> { }), null);
    private final MessageViewModel message = new MessageViewModel("c1", MessageRole.ASSISTANT, "Hello.", List.of());

    @Test
    void remembersPerTextLengthAndWidth() {
        RowHeights heights = new RowHeights();
        MessageRows.Row row = new MessageRows.Row(message, 0);
        assertTrue(Double.isNaN(heights.get(row, 6, 600)));
        heights.put(row, 6, 600, 84);
        assertEquals(84, heights.get(row, 6, 600));
        assertEquals(84, heights.get(new MessageRows.Row(message, 0), 6, 600), "rows are values");
        assertTrue(Double.isNaN(heights.get(row, 7, 600)), "the text grew");
        assertTrue(Double.isNaN(heights.get(row, 6, 500)), "the list is narrower");
        assertTrue(Double.isNaN(heights.get(new MessageRows.Row(message, 1), 6, 600)), "another part");
        heights.clear();
        assertTrue(Double.isNaN(heights.get(row, 6, 600)));
    }

    @Test
    void estimateGrowsWithWrappedProseAndCapsCode() {
        double oneLine = estimate("Short.", 600);
        double wrapped = estimate("word ".repeat(200), 600);
        double narrower = estimate("word ".repeat(200), 300);
        assertTrue(wrapped > oneLine * 3, wrapped + " vs " + oneLine);
        assertTrue(narrower > wrapped, "a narrower list wraps into more lines");
        double code = estimate("```python\n" + "x = 1\n".repeat(10) + "```", 600);
        double longCode = estimate("```python\n" + "x = 1\n".repeat(500) + "```", 600);
        assertTrue(code > oneLine);
        assertTrue(longCode < code * 3, "code shows at most 24 lines before it scrolls");
        assertTrue(estimate("Short.", 600) + 25 < RowHeights.estimate(renderer.parse("Short."), true, 600),
                "the first row of a message has a header");
    }

    private double estimate(String markdown, double width) {
        ParsedMarkdown parsed = renderer.parse(markdown);
        return RowHeights.estimate(parsed, false, width);
    }
}
