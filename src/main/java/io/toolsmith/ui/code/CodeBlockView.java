package io.toolsmith.ui.code;

import io.toolsmith.ui.common.CopyButton;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.ScrollEvent;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.StyleSpans;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only, highlighted code block with a Copy button and, on Python code that defines a public function,
 * an "Add to library" button that fires an {@link AddToLibraryEvent}. The selectable view is a RichTextFX
 * {@link CodeArea}; in the chat the block first shows a light {@link CodePreview} and builds the
 * CodeArea once the block has stayed still on screen for a moment (neither growing nor moving:
 * not while a reply streams or the list scrolls), or at once when the pointer enters it or
 * {@link #codeArea()} is asked for, because a CodeArea per block made streaming and scrolling
 * miss frames. Small blocks are highlighted at once, large ones on the given executor; a result
 * that arrives after the code changed again is dropped (generation check). Created and used on
 * the FX thread.
 */
public class CodeBlockView extends VBox {
    private static final Logger LOG = LoggerFactory.getLogger(CodeBlockView.class);
    /** Above this many characters highlighting runs off the FX thread. */
    public static final int ASYNC_THRESHOLD = 4_000;
    private static final double LINE_HEIGHT = 17.5;
    private static final int MAX_VISIBLE_LINES = 24;
    /** Room for a horizontal scroll bar under code with a line wider than the block. */
    private static final double SCROLL_BAR = 14;
    /** The left padding of code lines (app.css) plus a margin, counted when checking whether a line fits. */
    private static final double LINE_PADDING = 16;

    // A top-level def of a public function (no leading '_'): what makes a block worth offering to the library.
    private static final Pattern PUBLIC_DEF = Pattern.compile("^(?:async\\s+)?def\\s+[A-Za-z]\\w*\\s*\\(", Pattern.MULTILINE);

    private final Label languageLabel = new Label();
    private final Button addToLibrary = new Button("Add to library");
    private final CodePreview preview = new CodePreview();
    private static final Duration STILL = Duration.seconds(1);
    private final Executor highlightPool;
    private final PauseTransition still = new PauseTransition(STILL);
    private double lastSceneY = Double.NaN;
    private CodeArea area;
    private VirtualizedScrollPane<CodeArea> areaScroll;
    private StyleSpans<Collection<String>> spans;
    private String language = "";
    private boolean pythonFence;
    private boolean offersLibrary = true;
    private String text;
    private long generation;

    public CodeBlockView(String info, String code, Executor highlightPool) {
        this.highlightPool = highlightPool;
        getStyleClass().add("code-block");
        languageLabel.getStyleClass().add("code-language");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        CopyButton copy = new CopyButton(this::code);
        copy.setId("copy-code");
        addToLibrary.setId("add-to-library");
        addToLibrary.getStyleClass().add("flat");
        addToLibrary.setOnAction(e -> fireEvent(new AddToLibraryEvent(text)));
        HBox header = new HBox(6, languageLabel, spacer, addToLibrary, copy);
        header.getStyleClass().add("code-header");
        getChildren().addAll(header, preview);
        preview.setOnMouseEntered(e -> codeArea());
        still.setOnFinished(e -> upgradeWhenStill());
        sceneProperty().addListener((obs, old, now) -> {
            if (now != null && area == null) {
                still.playFromStart();
            } else {
                still.stop();
            }
        });
        setCode(info, code);
    }

    /** Builds the CodeArea if the block is shown and has not moved since the last check. */
    private void upgradeWhenStill() {
        if (area != null || getScene() == null || !shownInWindow()) {
            return;
        }
        double y = localToScene(0, 0).getY();
        if (y != lastSceneY) {
            lastSceneY = y;
            still.playFromStart();
            return;
        }
        codeArea();
    }

    /** False inside a hidden parent (the list's measuring cell). */
    private boolean shownInWindow() {
        for (javafx.scene.Node n = this; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** A block that is selectable from the start (the function review panel, where the code is in the library). */
    public static CodeBlockView selectable(String info, String code, Executor highlightPool) {
        CodeBlockView view = new CodeBlockView(info, code, highlightPool);
        view.offersLibrary = false;
        view.updateAddToLibrary();
        view.codeArea();
        return view;
    }

    /** The selectable view, built on first use in place of the preview. */
    public CodeArea codeArea() {
        if (area == null) {
            still.stop();
            area = new CodeArea();
            area.setEditable(false);
            area.setWrapText(false);
            area.getStyleClass().add("code-area");
            // a margin before each line, as the preview has: code does not touch the box's edge
            area.setParagraphGraphicFactory(line -> {
                Region margin = new Region();
                margin.setPrefWidth(8);
                margin.setMinWidth(8);
                return margin;
            });
            area.replaceText(text);
            if (spans != null && spans.length() == text.length()) {
                area.setStyleSpans(0, spans);
            }
            areaScroll = new VirtualizedScrollPane<>(area);
            areaScroll.addEventFilter(ScrollEvent.SCROLL, this::scrollOnlyWhereThereIsMore);
            widthProperty().addListener(obs -> size(areaScroll));
            size(areaScroll);
            getChildren().set(getChildren().indexOf(preview), areaScroll);
        }
        return area;
    }

    /**
     * The wheel over code scrolls what holds it (the chat, the function's details) unless the code has
     * more lines to show in that direction: a block that shows all its lines would otherwise swallow
     * the wheel. A sideways delta, or Shift with the wheel, scrolls a long line sideways.
     */
    private void scrollOnlyWhereThereIsMore(ScrollEvent e) {
        if (e.getDeltaY() == 0 || e.getDeltaX() != 0) {
            return; // sideways: the code area scrolls its long lines
        }
        if (e.isShiftDown()) {
            area.scrollXBy(-e.getDeltaY());
            e.consume();
            return;
        }
        double top = area.getEstimatedScrollY();
        double room = area.getTotalHeightEstimate() - area.getHeight();
        boolean more = e.getDeltaY() > 0 ? top > 0.5 : top < room - 0.5;
        if (more && areaScroll.getVbarPolicy() != ScrollPane.ScrollBarPolicy.NEVER) {
            return;
        }
        e.consume();
        javafx.scene.Parent holder = getParent();
        if (holder != null) {
            holder.fireEvent(e.copyFor(holder, holder));
        }
    }

    public String code() {
        return text;
    }

    /** Replaces the shown code (a streamed block grows); keeps the same nodes. */
    public final void setCode(String info, String code) {
        String next = code == null ? "" : stripTrailingNewline(code);
        language = SyntaxHighlighter.languageOf(info);
        String fence = info == null ? "" : info.trim().toLowerCase(java.util.Locale.ROOT);
        pythonFence = fence.equals("python") || fence.equals("py") || fence.equals("python3");
        languageLabel.setText(info == null || info.isBlank() ? "text" : info.trim());
        if (next.equals(text)) {
            updateAddToLibrary();
            return;
        }
        text = next;
        updateAddToLibrary();
        if (area == null && getScene() != null) {
            still.playFromStart();
        }
        if (area != null) {
            area.replaceText(text);
            size(areaScroll);
        } else {
            if (!highlightsAtOnce(text)) {
                preview.showPlain(text); // until the highlighted runs arrive
            }
            size(preview);
        }
        highlight(text);
    }

    /** "Add to library" shows on Python blocks that define a public function, the ones worth keeping as tools. */
    private void updateAddToLibrary() {
        boolean shown = offersLibrary && pythonFence && text != null && PUBLIC_DEF.matcher(text).find();
        addToLibrary.setVisible(shown);
        addToLibrary.setManaged(shown);
    }

    private void size(Region view) {
        long lines = text.chars().filter(c -> c == '\n').count() + 1;
        double height = Math.min(lines, MAX_VISIBLE_LINES) * LINE_HEIGHT + 16;
        if (view == areaScroll) {
            // a block that shows all its lines never scrolls vertically; a line wider than the
            // block gets a horizontal bar, with room for it so the lines are not covered
            boolean allLines = lines <= MAX_VISIBLE_LINES;
            areaScroll.setVbarPolicy(allLines ? ScrollPane.ScrollBarPolicy.NEVER : ScrollPane.ScrollBarPolicy.AS_NEEDED);
            if (getWidth() > 0 && widestLine() + LINE_PADDING > getWidth()) {
                height += SCROLL_BAR;
            }
        }
        view.setPrefHeight(height);
        view.setMinHeight(height);
        if (view == areaScroll) {
            area.setPrefHeight(height);
        }
    }

    /** The width of the longest line in the code font. */
    private double widestLine() {
        int longest = 0;
        for (String line : text.split("\n", -1)) {
            longest = Math.max(longest, line.length());
        }
        Text probe = new Text("0".repeat(longest));
        probe.setFont(Font.font("monospace", Font.getDefault().getSize()));
        return probe.getLayoutBounds().getWidth();
    }

    private void highlight(String code) {
        long mine = ++generation;
        String lang = language;
        if (highlightsAtOnce(code)) {
            apply(mine, code, SyntaxHighlighter.highlight(lang, code));
            return;
        }
        CompletableFuture.supplyAsync(() -> SyntaxHighlighter.highlight(lang, code), highlightPool)
                .whenComplete((result, failure) -> {
                    if (failure != null) {
                        // the block keeps its plain text; a highlighting bug must still be found in the log
                        LOG.warn("Highlighting a {} block of {} characters failed", lang, code.length(), failure);
                    } else {
                        Platform.runLater(() -> apply(mine, code, result));
                    }
                });
    }

    private boolean highlightsAtOnce(String code) {
        return code.length() < ASYNC_THRESHOLD || highlightPool == null;
    }

    private void apply(long forGeneration, String code, StyleSpans<Collection<String>> result) {
        if (forGeneration != generation || !code.equals(text)) {
            return; // the code changed meanwhile: a newer computation is on its way
        }
        spans = result;
        if (area != null) {
            area.setStyleSpans(0, result);
        } else {
            preview.show(code, result);
        }
    }

    private static String stripTrailingNewline(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
