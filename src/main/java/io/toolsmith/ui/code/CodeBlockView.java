package io.toolsmith.ui.code;

import io.toolsmith.ui.common.CopyButton;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.StyleSpans;

/**
 * A read-only, highlighted code block with a Copy button: a RichTextFX {@link CodeArea} (its text
 * can be selected, unlike a label). Small blocks are highlighted at once; large ones on the given
 * executor, and a result that arrives after the code changed again is dropped (generation check).
 * Created and used on the FX thread.
 */
public class CodeBlockView extends VBox {
    /** Above this many characters highlighting runs off the FX thread. */
    public static final int ASYNC_THRESHOLD = 4_000;
    private static final double LINE_HEIGHT = 17.5;
    private static final int MAX_VISIBLE_LINES = 24;

    private final CodeArea area = new CodeArea();
    private final VirtualizedScrollPane<CodeArea> scroll = new VirtualizedScrollPane<>(area);
    private final Label languageLabel = new Label();
    private final Executor highlightPool;
    private String language;
    private long generation;

    public CodeBlockView(String info, String code, Executor highlightPool) {
        this.highlightPool = highlightPool;
        getStyleClass().add("code-block");
        area.setEditable(false);
        area.setWrapText(false);
        area.getStyleClass().add("code-area");
        languageLabel.getStyleClass().add("code-language");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        CopyButton copy = new CopyButton(area::getText);
        copy.setId("copy-code");
        HBox header = new HBox(languageLabel, spacer, copy);
        header.getStyleClass().add("code-header");
        getChildren().addAll(header, scroll);
        setCode(info, code);
    }

    public CodeArea codeArea() {
        return area;
    }

    public String code() {
        return area.getText();
    }

    /** Replaces the shown code (a streamed block grows); keeps the same nodes. */
    public final void setCode(String info, String code) {
        String text = code == null ? "" : stripTrailingNewline(code);
        language = SyntaxHighlighter.languageOf(info);
        languageLabel.setText(info == null || info.isBlank() ? "text" : info.trim());
        if (text.equals(area.getText())) {
            return;
        }
        area.replaceText(text);
        int lines = area.getParagraphs().size();
        double height = Math.min(lines, MAX_VISIBLE_LINES) * LINE_HEIGHT + 16;
        // the scroll pane does not take its height from the area: size both to the lines shown
        area.setPrefHeight(height);
        scroll.setPrefHeight(height);
        scroll.setMinHeight(height);
        highlight(text);
    }

    private void highlight(String text) {
        long mine = ++generation;
        String lang = language;
        if (text.length() < ASYNC_THRESHOLD || highlightPool == null) {
            area.setStyleSpans(0, SyntaxHighlighter.highlight(lang, text));
            return;
        }
        CompletableFuture.supplyAsync(() -> SyntaxHighlighter.highlight(lang, text), highlightPool)
                .thenAccept(spans -> Platform.runLater(() -> apply(mine, text, spans)));
    }

    private void apply(long forGeneration, String text, StyleSpans<Collection<String>> spans) {
        if (forGeneration != generation || !text.equals(area.getText())) {
            return; // the code changed meanwhile: a newer computation is on its way
        }
        area.setStyleSpans(0, spans);
    }

    private static String stripTrailingNewline(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
