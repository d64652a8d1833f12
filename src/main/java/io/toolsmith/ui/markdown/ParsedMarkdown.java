package io.toolsmith.ui.markdown;

import java.util.List;
import org.commonmark.node.Node;

/**
 * One parse of a message's Markdown: the top-level blocks, each block's source text (the key
 * that lets {@link MarkdownView} keep the nodes of blocks that did not change) and where each
 * block's first line starts in {@code text} (so a grown text can be parsed again from its last
 * block only). {@code starts} may be empty for a slice of a document. Immutable.
 */
public record ParsedMarkdown(String text, List<Node> blocks, List<String> sources, List<Integer> starts) {

    public ParsedMarkdown(String text, List<Node> blocks, List<String> sources) {
        this(text, blocks, sources, List.of());
    }
}
