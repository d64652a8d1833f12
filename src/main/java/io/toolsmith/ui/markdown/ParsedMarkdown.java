package io.toolsmith.ui.markdown;

import java.util.List;
import org.commonmark.node.Node;

/**
 * One parse of a message's Markdown: the top-level blocks and each block's source text (the key
 * that lets {@link MarkdownView} keep the nodes of blocks that did not change). Immutable.
 */
public record ParsedMarkdown(String text, List<Node> blocks, List<String> sources) {
}
