package io.toolsmith.ui.markdown;

import io.toolsmith.ui.code.CodeBlockView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * commonmark-java (with GFM tables, strikethrough and autolinks) to JavaFX nodes: TextFlow for
 * text, GridPane for tables, {@link CodeBlockView} for code, and registered {@link FenceRenderer}s
 * for special fenced blocks. Never a WebView; raw HTML is shown as text.
 * {@link #parse} is thread-safe; {@code render*} are called on the FX thread.
 */
public final class MarkdownRenderer {
    private final Parser parser = Parser.builder()
            .extensions(List.of(TablesExtension.create(), StrikethroughExtension.create(), AutolinkExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();
    /** Block structure only (inline content is left unparsed): enough to count a message's blocks. */
    private final Parser blockParser = Parser.builder()
            .extensions(List.of(TablesExtension.create(), StrikethroughExtension.create(), AutolinkExtension.create()))
            .inlineParserFactory(context -> (lines, block) -> { })
            .build();
    private final LinkPolicy links;
    private final Executor highlightPool;
    private final Map<String, FenceRenderer> fences = new HashMap<>();
    private boolean keepLineBreaks;

    public MarkdownRenderer(LinkPolicy links, Executor highlightPool) {
        this.links = links;
        this.highlightPool = highlightPool;
    }

    /** Renders fenced blocks whose info string is {@code info} with {@code renderer}. */
    public MarkdownRenderer withFence(String info, FenceRenderer renderer) {
        fences.put(info.toLowerCase(Locale.ROOT), renderer);
        return this;
    }

    /** Shows single line breaks as line breaks instead of joining the lines (messages people typed). */
    public MarkdownRenderer keepingLineBreaks() {
        keepLineBreaks = true;
        return this;
    }

    public LinkPolicy links() {
        return links;
    }

    public Executor highlightPool() {
        return highlightPool;
    }

    public ParsedMarkdown parse(String text) {
        String source = text == null ? "" : text;
        return parseFrom(source, 0, List.of(), List.of(), List.of());
    }

    /**
     * How many top-level blocks {@link #parse} finds in {@code text}, at about half the cost: inline
     * content (emphasis, links, code spans) does not change the block structure.
     */
    public int countBlocks(String text) {
        int count = 0;
        for (Node n = blockParser.parse(text == null ? "" : text).getFirstChild(); n != null; n = n.getNext()) {
            count++;
        }
        return count;
    }

    /**
     * Parses {@code text}, which is {@code previous.text()} with more appended (a streamed reply),
     * by keeping every block but the last two and parsing again from the line where the one
     * before the last starts. Appended text changes the block it is written in (a paragraph
     * turning into a heading or table, a list or code block growing) and, while its line is not
     * finished, whether that line belongs to the block before (a table row or a paragraph), never
     * older blocks. So the result matches a full parse, except that a link reference defined later
     * does not resolve in earlier blocks until the next full parse. Falls back to {@link #parse}
     * when the text is not an extension of the previous one.
     */
    public ParsedMarkdown parseAppended(ParsedMarkdown previous, String text) {
        String source = text == null ? "" : text;
        int kept = previous.blocks().size() - 2;
        if (kept < 1 || previous.starts().size() != previous.blocks().size() || !source.startsWith(previous.text())) {
            return parse(source);
        }
        return parseFrom(source, previous.starts().get(kept), previous.blocks().subList(0, kept),
                previous.sources().subList(0, kept), previous.starts().subList(0, kept));
    }

    private ParsedMarkdown parseFrom(String source, int offset, List<Node> keptBlocks, List<String> keptSources,
            List<Integer> keptStarts) {
        String tail = source.substring(offset);
        Node document = parser.parse(tail);
        List<Node> blocks = new ArrayList<>(keptBlocks);
        List<String> sources = new ArrayList<>(keptSources);
        List<Integer> starts = new ArrayList<>(keptStarts);
        for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
            blocks.add(n);
            sources.add(sourceOf(n, tail));
            starts.add(offset + lineStartOf(n, tail));
        }
        return new ParsedMarkdown(source, List.copyOf(blocks), List.copyOf(sources), List.copyOf(starts));
    }

    /** Where the line of a block's first character starts (indentation is part of a block's meaning). */
    private static int lineStartOf(Node block, String input) {
        List<SourceSpan> spans = block.getSourceSpans();
        int at = spans.isEmpty() ? 0 : Math.min(input.length(), spans.get(0).getInputIndex());
        return input.lastIndexOf('\n', at - 1) + 1;
    }

    private static String sourceOf(Node block, String input) {
        List<SourceSpan> spans = block.getSourceSpans();
        if (spans.isEmpty()) {
            return block.getClass().getSimpleName();
        }
        SourceSpan first = spans.get(0);
        SourceSpan last = spans.get(spans.size() - 1);
        int start = first.getInputIndex();
        int end = Math.min(input.length(), last.getInputIndex() + last.getLength());
        return block.getClass().getSimpleName() + ":" + input.substring(start, Math.max(start, end));
    }

    /**
     * Updates {@code existing} in place for a grown block when possible: streamed code, and
     * paragraphs and headings, whose unchanged text runs are kept (only new runs get styled).
     */
    boolean update(javafx.scene.Node existing, Node block) {
        if ((block instanceof Paragraph || block instanceof Heading) && existing instanceof TextFlow flow
                && flow.getStyleClass().contains(styleOf(block))) {
            InlineRenderer.merge(flow.getChildren(), InlineRenderer.render(block, links, keepLineBreaks));
            return true;
        }
        if (block instanceof FencedCodeBlock fenced) {
            String info = infoOf(fenced);
            FenceRenderer special = fences.get(info.toLowerCase(Locale.ROOT));
            if (special != null) {
                return special.update(existing, info, fenced.getLiteral());
            }
            if (existing instanceof CodeBlockView code) {
                code.setCode(info, fenced.getLiteral());
                return true;
            }
        }
        return false;
    }

    public javafx.scene.Node renderBlock(Node block) {
        if (block instanceof Paragraph || block instanceof Heading) {
            return flow(block, styleOf(block));
        } else if (block instanceof FencedCodeBlock fenced) {
            String info = infoOf(fenced);
            FenceRenderer special = fences.get(info.toLowerCase(Locale.ROOT));
            return special != null ? special.render(info, fenced.getLiteral())
                    : new CodeBlockView(info, fenced.getLiteral(), highlightPool);
        } else if (block instanceof IndentedCodeBlock indented) {
            return new CodeBlockView("", indented.getLiteral(), highlightPool);
        } else if (block instanceof BulletList || block instanceof OrderedList) {
            return list(block);
        } else if (block instanceof BlockQuote quote) {
            VBox box = children(quote);
            box.getStyleClass().add("md-quote");
            return box;
        } else if (block instanceof TableBlock table) {
            return TableRenderer.render(table, links);
        } else if (block instanceof HtmlBlock html) {
            TextFlow literal = new TextFlow(new Text(html.getLiteral()));
            literal.getStyleClass().add("md-html");
            return literal;
        } else if (block instanceof ThematicBreak) {
            Region hr = new Region();
            hr.getStyleClass().add("md-hr");
            return hr;
        }
        return children(block);
    }

    private static String styleOf(Node block) {
        return block instanceof Heading h ? "md-heading-" + h.getLevel() : "md-paragraph";
    }

    private static String infoOf(FencedCodeBlock fenced) {
        String info = fenced.getInfo() == null ? "" : fenced.getInfo().trim();
        int space = info.indexOf(' ');
        return space < 0 ? info : info.substring(0, space);
    }

    private TextFlow flow(Node block, String style) {
        TextFlow flow = new TextFlow();
        flow.getChildren().setAll(InlineRenderer.render(block, links, keepLineBreaks));
        flow.getStyleClass().add(style);
        if (block instanceof Paragraph && block.getParent() instanceof org.commonmark.node.Document
                && FOOTNOTE.matcher(InlineRenderer.plainText(block)).lookingAt()) {
            flow.getStyleClass().add("md-footnote");
        }
        return flow;
    }

    private VBox children(Node parent) {
        VBox box = new VBox(6);
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            box.getChildren().add(renderBlock(n));
        }
        return box;
    }

    private VBox list(Node list) {
        VBox box = new VBox(3);
        box.getStyleClass().add("md-list");
        int number = list instanceof OrderedList ordered && ordered.getMarkerStartNumber() != null
                ? ordered.getMarkerStartNumber() : 1;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            String marker = list instanceof OrderedList ? (number++) + "." : "•";
            VBox content = item instanceof ListItem ? children(item) : new VBox(renderBlock(item));
            Boolean done = taskState(content);
            javafx.scene.control.Control bullet;
            if (done != null) {
                // "- [ ] …" / "- [x] …": a task list item shows a box, ticked or not, that cannot be clicked
                CheckBox tick = new CheckBox();
                tick.setSelected(done);
                tick.setMouseTransparent(true);
                tick.setFocusTraversable(false);
                tick.getStyleClass().add("md-task-box");
                bullet = tick;
            } else {
                bullet = new Label(marker);
            }
            bullet.setMinWidth(Region.USE_PREF_SIZE);
            HBox.setHgrow(content, Priority.ALWAYS);
            HBox row = new HBox(6, bullet, content);
            box.getChildren().add(row);
        }
        return box;
    }

    /**
     * Whether a rendered list item is a task ("[ ] " or "[x] " before its text): true when ticked,
     * false when open, null for an ordinary item. The marker is taken out of the item's text.
     * (commonmark-java leaves task markers as text; its task list extension is not used.)
     */
    private static Boolean taskState(VBox content) {
        if (content.getChildren().isEmpty() || !(content.getChildren().get(0) instanceof TextFlow flow)
                || flow.getChildren().isEmpty() || !(flow.getChildren().get(0) instanceof Text first)) {
            return null;
        }
        Matcher m = TASK.matcher(first.getText());
        if (!m.lookingAt()) {
            return null;
        }
        first.setText(first.getText().substring(m.end()));
        return !m.group(1).isBlank();
    }

    /** A paragraph "[^1]: …" is a footnote: without the extension it stays a paragraph, styled as a note. */
    private static final Pattern FOOTNOTE = Pattern.compile("\\[\\^[^\\]\\s]+]:");
    private static final Pattern TASK = Pattern.compile("\\[([ xX])]\\s+");

    /** The plain text of a rendered document, for the Copy action of a message. */
    public static String plainText(Node block) {
        return InlineRenderer.plainText(block);
    }
}
