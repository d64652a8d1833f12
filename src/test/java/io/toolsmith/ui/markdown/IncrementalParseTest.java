package io.toolsmith.ui.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.toolsmith.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parsing a streamed reply block by block gives the blocks a full parse gives, at every length
 * the text passes through (cut at every character), for the structures whose meaning changes
 * as text is appended.
 */
class IncrementalParseTest {
    private final MarkdownRenderer renderer = new MarkdownRenderer(new LinkPolicy(url -> { }), null);

    private static final List<String> REPLIES = List.of(
            "Intro paragraph\nstill intro\n\n- one\n- two\n\n  continued item\n- three\n\nAfter the list.\n",
            "Title\n=====\n\nText then a setext heading\n---\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\nEnd.",
            "Some code:\n\n```python\ndef f(x):\n\n    return x\n```\n\n    indented code\n    more\n\nDone.",
            "> quoted\nlazy line\n\n> second quote\n\n1. first\n2. second\n\n***\n\n<div>\nhtml\n</div>\n\ntail",
            "| x | y |\n|---|---|\n| 1 | 2 |\n|\n\npara\n- item\nlazy\n\n```\nopen fence never closed\n",
            "```function_call\n{\"name\": \"totals\"}\n```\n\nThe **total** is `300.0`, see https://example.org .\n");

    @Test
    void matchesFullParseAtEveryLength() {
        for (String reply : REPLIES) {
            ParsedMarkdown streamed = renderer.parse("");
            for (int end = 1; end <= reply.length(); end++) {
                String text = reply.substring(0, end);
                streamed = renderer.parseAppended(streamed, text);
                ParsedMarkdown full = renderer.parse(text);
                assertEquals(full.sources(), streamed.sources(), () -> "after " + text.length() + " chars of " + reply);
                assertEquals(full.starts(), streamed.starts(), () -> "block starts after " + text.length() + " chars");
                assertEquals(full.blocks().size(), renderer.countBlocks(text), () -> "blocks counted in " + text);
            }
        }
    }

    @Test
    void matchesFullParseForRecordedModelReplies() throws IOException {
        Path fixtures = Path.of(System.getProperty("toolsmith.fixtures", "src/test/resources/fixtures"));
        List<String> lines = Files.readAllLines(fixtures.resolve("benchmark-replies-sample.jsonl"));
        for (String line : lines) {
            String reply = Json.MAPPER.readTree(line).path("content").asText();
            ParsedMarkdown streamed = renderer.parse("");
            for (int end = 1; end <= reply.length(); end += 3) {
                String text = reply.substring(0, end);
                streamed = renderer.parseAppended(streamed, text);
                assertEquals(renderer.parse(text).sources(), streamed.sources(), () -> "after " + text.length() + " chars");
                assertEquals(streamed.blocks().size(), renderer.countBlocks(text), () -> "blocks counted in " + text);
            }
        }
    }

    @Test
    void keepsTheNodesOfFinishedBlocks() {
        ParsedMarkdown first = renderer.parse("One.\n\nTwo.\n\nThree.\n\nFo");
        ParsedMarkdown grown = renderer.parseAppended(first, "One.\n\nTwo.\n\nThree.\n\nFour.");
        assertEquals(4, grown.blocks().size());
        assertEquals(first.blocks().get(0), grown.blocks().get(0));
        assertEquals(first.blocks().get(1), grown.blocks().get(1));
    }

    @Test
    void parsesInFullWhenTheTextWasNotAppendedTo() {
        ParsedMarkdown first = renderer.parse("One.\n\nTwo.");
        ParsedMarkdown other = renderer.parseAppended(first, "Uno.\n\nDos.\n\nTres.");
        assertEquals(renderer.parse("Uno.\n\nDos.\n\nTres.").sources(), other.sources());
    }
}
