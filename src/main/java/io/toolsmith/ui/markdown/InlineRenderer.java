package io.toolsmith.ui.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;
import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;

/**
 * Turns the inline children of a block into the children of a {@code TextFlow}: styled
 * {@link Text} runs and {@link Hyperlink}s. Emphasis nests by accumulating style classes.
 * Raw HTML is shown literally. Called on the FX thread.
 */
final class InlineRenderer extends AbstractVisitor {
    private static final Pattern FOOTNOTE_REF = Pattern.compile("\\[\\^([^\\]\\s]+)]");
    private static final String TOOLTIP = "md-link-tooltip";
    private final LinkPolicy links;
    private final boolean keepLineBreaks;
    private final List<javafx.scene.Node> out = new ArrayList<>();
    private final List<String> styles = new ArrayList<>();

    private InlineRenderer(LinkPolicy links, boolean keepLineBreaks) {
        this.links = links;
        this.keepLineBreaks = keepLineBreaks;
    }

    static List<javafx.scene.Node> render(Node parent, LinkPolicy links) {
        return render(parent, links, false);
    }

    /** With {@code keepLineBreaks} a single line break stays a line break (what people typing a message mean). */
    static List<javafx.scene.Node> render(Node parent, LinkPolicy links, boolean keepLineBreaks) {
        InlineRenderer r = new InlineRenderer(links, keepLineBreaks);
        r.visitChildren(parent);
        return r.out;
    }

    /**
     * Makes {@code children} show {@code next} while keeping the leading text runs that have the
     * same style (their text is updated in place). New nodes are styled by CSS; kept ones are not,
     * so a streamed paragraph costs only its last run per frame.
     */
    static void merge(List<javafx.scene.Node> children, List<javafx.scene.Node> next) {
        int i = 0;
        while (i < children.size() && i < next.size() && children.get(i) instanceof Text old
                && next.get(i) instanceof Text now && old.getStyleClass().equals(now.getStyleClass())) {
            if (!old.getText().equals(now.getText())) {
                old.setText(now.getText());
            }
            if (!java.util.Objects.equals(old.getUserData(), now.getUserData())) {
                old.setUserData(now.getUserData()); // a link's address, read when it is clicked
            }
            i++;
        }
        if (i < children.size()) {
            children.subList(i, children.size()).clear();
        }
        if (i < next.size()) {
            children.addAll(next.subList(i, next.size()));
        }
    }

    @Override
    public void visit(org.commonmark.node.Text text) {
        String literal = text.getLiteral();
        Matcher m = FOOTNOTE_REF.matcher(literal);
        int at = 0;
        while (m.find()) {
            addText(literal.substring(at, m.start()));
            // commonmark without its footnote extension leaves "[^1]" as text: show it as a reference mark
            Text mark = new Text("[" + m.group(1) + "]");
            mark.getStyleClass().add("md-footnote-ref");
            out.add(mark);
            at = m.end();
        }
        addText(literal.substring(at));
    }

    @Override
    public void visit(SoftLineBreak softLineBreak) {
        addText(keepLineBreaks ? "\n" : " ");
    }

    @Override
    public void visit(HardLineBreak hardLineBreak) {
        addText("\n");
    }

    @Override
    public void visit(HtmlInline htmlInline) {
        addText(htmlInline.getLiteral());
    }

    @Override
    public void visit(Code code) {
        styles.add("md-inline-code");
        addText(code.getLiteral());
        styles.remove(styles.size() - 1);
    }

    @Override
    public void visit(Emphasis emphasis) {
        styled("md-emphasis", emphasis);
    }

    @Override
    public void visit(StrongEmphasis strong) {
        styled("md-strong", strong);
    }

    @Override
    public void visit(CustomNode node) {
        if (node instanceof Strikethrough) {
            styled("md-strike", node);
        } else {
            visitChildren(node);
        }
    }

    @Override
    public void visit(Link link) {
        String label = plainText(link);
        out.add(hyperlink(label.isEmpty() ? link.getDestination() : label, link.getDestination()));
    }

    @Override
    public void visit(Image image) {
        String alt = plainText(image);
        out.add(hyperlink("[image: " + (alt.isEmpty() ? image.getDestination() : alt) + "]", image.getDestination()));
    }

    /**
     * A link is a text run (not a Hyperlink control), so a long address wraps with the paragraph
     * instead of running past the bubble. The address is kept as the run's user data: a streamed
     * link keeps its run while its address grows.
     */
    private Text hyperlink(String label, String url) {
        Text h = new Text(label);
        h.getStyleClass().add("md-link");
        h.setUserData(url);
        // a Tooltip is a popup window with a scene of its own: made when the pointer first comes
        // near the link, not for every link of every row the chat shows
        h.setOnMouseEntered(e -> {
            if (!h.getProperties().containsKey(TOOLTIP)) {
                String address = String.valueOf(h.getUserData());
                Tooltip tip = new Tooltip(LinkPolicy.isAllowed(address) ? address
                        : address + " (not opened: only web and mail links are)");
                h.getProperties().put(TOOLTIP, tip);
                Tooltip.install(h, tip);
            }
        });
        h.setOnMouseClicked(e -> links.open(String.valueOf(h.getUserData())));
        return h;
    }

    private void styled(String style, Node node) {
        styles.add(style);
        visitChildren(node);
        styles.remove(styles.size() - 1);
    }

    private void addText(String s) {
        // one node per run of equal style (not per source line): fewer nodes to style and lay out
        if (s.isEmpty()) {
            return;
        }
        if (!out.isEmpty() && out.get(out.size() - 1) instanceof Text last
                && last.getStyleClass().get(0).equals("md-text")
                && last.getStyleClass().size() == styles.size() + 1
                && last.getStyleClass().subList(1, last.getStyleClass().size()).equals(styles)) {
            last.setText(last.getText() + s);
            return;
        }
        Text t = new Text(s);
        t.getStyleClass().add("md-text");
        t.getStyleClass().addAll(styles);
        out.add(t);
    }

    /** The text of a node's inline children, without styling (link labels, alt texts, copy). */
    static String plainText(Node node) {
        StringBuilder sb = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.Text text) {
                sb.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                sb.append(code.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak softLineBreak) {
                sb.append(' ');
            }
        });
        return sb.toString();
    }
}
