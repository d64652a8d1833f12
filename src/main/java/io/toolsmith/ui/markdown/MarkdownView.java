package io.toolsmith.ui.markdown;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/**
 * Shows one Markdown document. When the text changes (a streamed reply grows) the nodes of
 * top-level blocks whose source is unchanged are kept, and a grown code block is updated in
 * place, so a frame rebuilds only the block being written. FX thread only.
 */
public class MarkdownView extends VBox {
    private final MarkdownRenderer renderer;
    private ParsedMarkdown shown;
    private List<Node> nodes = List.of();

    public MarkdownView(MarkdownRenderer renderer) {
        super(6);
        this.renderer = renderer;
        getStyleClass().add("markdown-view");
        setFillWidth(true);
    }

    public void setMarkdown(String text) {
        show(renderer.parse(text));
    }

    /** Shows an already parsed document (parsing is cached per message by the chat). */
    public void show(ParsedMarkdown parsed) {
        if (shown != null && shown.sources().equals(parsed.sources())) {
            return; // same blocks: nothing to lay out or style again
        }
        List<Node> next = new ArrayList<>(parsed.blocks().size());
        for (int i = 0; i < parsed.blocks().size(); i++) {
            next.add(nodeFor(parsed, i));
        }
        shown = parsed;
        nodes = next;
        replaceChangedTail(next);
    }

    /** Forgets the shown nodes, so nothing is reused for the next document (another chat's cards). */
    public void clear() {
        shown = null;
        nodes = List.of();
        getChildren().clear();
    }

    public ParsedMarkdown shown() {
        return shown;
    }

    /**
     * Touches only the children after the longest unchanged prefix. {@code setAll} would take every
     * block out of the scene and put it back, re-applying CSS to all of them on each streamed frame.
     */
    private void replaceChangedTail(List<Node> next) {
        javafx.collections.ObservableList<Node> children = getChildren();
        int common = 0;
        while (common < children.size() && common < next.size() && children.get(common) == next.get(common)) {
            common++;
        }
        if (common < children.size()) {
            children.remove(common, children.size());
        }
        if (common < next.size()) {
            children.addAll(next.subList(common, next.size()));
        }
    }

    private Node nodeFor(ParsedMarkdown parsed, int i) {
        if (shown != null && i < shown.sources().size()) {
            Node old = nodes.get(i);
            if (shown.sources().get(i).equals(parsed.sources().get(i))) {
                return old;
            }
            if (sameKind(shown.blocks().get(i), parsed.blocks().get(i))
                    && renderer.update(old, parsed.blocks().get(i))) {
                return old;
            }
        }
        return renderer.renderBlock(parsed.blocks().get(i));
    }

    private static boolean sameKind(org.commonmark.node.Node a, org.commonmark.node.Node b) {
        return a.getClass() == b.getClass();
    }
}
