package io.toolsmith.ui.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.ui.code.CodeBlockView;
import io.toolsmith.ui.testing.WindowTestExtension;
import io.toolsmith.ui.theme.AppTheme;
import io.toolsmith.ui.theme.ThemeManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ScrollBar;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Paint;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Task lists, footnotes, long links, inline code and JSON literals, and a short code block with
 * one long line, as a reply shows them in a 500 px wide column.
 */
@ExtendWith(WindowTestExtension.class)
class MarkdownExtrasTest {
    private static final String URL = "https://example.org/a/very/long/path/that/keeps/going/and/going/without/any/break/report.html";
    private static final String REPLY = """
            - [x] travel checked against the receipts
            - [ ] groceries still to check
            - dining has one expense without a receipt[^1]

            The value `total` is plain text, and so is the rest.

            See %s for the report.

            [^1]: The receipt for the dinner on the 14th is missing.
            """.formatted(URL);

    private MarkdownView view;
    private CodeBlockView json;
    private CodeBlockView diff;
    private CodeBlockView wide;

    private Stage stage;

    @AfterEach
    void closeOwnWindow() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> stage.close()).get();
    }

    @Start
    void start(Stage shared) {
        // a window of its own: TestFX's shared stage would keep this test's size for later tests
        stage = new Stage(StageStyle.UNDECORATED);
        view = new MarkdownView(new MarkdownRenderer(new LinkPolicy(url -> { }, () -> true), Runnable::run));
        view.setMarkdown(REPLY);
        json = new CodeBlockView("json", "{\"ok\": true}", Runnable::run);
        diff = new CodeBlockView("diff", "-removed line", Runnable::run);
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            code.append("x").append(i).append(" = ").append(i).append('\n');
        }
        code.append("message = '").append("a long line of text in the code block ".repeat(6)).append("'\n");
        wide = CodeBlockView.selectable("python", code.toString(), Runnable::run);
        VBox root = new VBox(8, view, json, diff, wide);
        root.setMaxWidth(500);
        Scene scene = new Scene(root, 500, 900);
        new ThemeManager(AppTheme.LIGHT).install(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void taskListsAndFootnotesRender() throws Exception {
        List<CheckBox> boxes = onFx(() -> all(view, n -> n instanceof CheckBox).stream().map(n -> (CheckBox) n).toList());
        assertEquals(2, boxes.size());
        assertTrue(boxes.get(0).isSelected());
        assertFalse(boxes.get(1).isSelected());
        String text = onFx(() -> texts(view));
        assertFalse(text.contains("[x]") || text.contains("[ ]"), text);
        assertFalse(text.contains("[^1]"), text);
        // the mark in the text and the one that starts the note
        assertEquals(2, onFx(() -> all(view, n -> n.getStyleClass().contains("md-footnote-ref")).size()));
        assertEquals(1, onFx(() -> all(view, n -> n.getStyleClass().contains("md-footnote")).size()));
    }

    @Test
    void aLongLinkWrapsInsideItsParagraph() throws Exception {
        Text link = onFx(() -> (Text) all(view, n -> n.getStyleClass().contains("md-link")).get(0));
        assertEquals(URL, link.getText());
        TextFlow flow = (TextFlow) link.getParent();
        assertTrue(onFx(() -> link.getBoundsInParent().getMaxX() <= flow.getWidth() + 1),
                "the link ends at " + link.getBoundsInParent().getMaxX() + " in a " + flow.getWidth() + " px paragraph");
    }

    @Test
    void inlineCodeAndJsonLiteralsAreNotDrawnAsErrors() throws Exception {
        Paint inline = onFx(() -> ((Text) all(view, n -> n.getStyleClass().contains("md-inline-code")).get(0)).getFill());
        Paint prose = onFx(() -> ((Text) all(view, n -> n.getStyleClass().contains("md-text")
                && !n.getStyleClass().contains("md-inline-code")).get(0)).getFill());
        assertEquals(prose, inline, "inline code is drawn in the text colour");
        Paint literal = onFx(() -> ((Text) all(json, n -> n.getStyleClass().contains("literal")).get(0)).getFill());
        Paint removed = onFx(() -> ((Text) all(diff, n -> n.getStyleClass().contains("diff-removed")).get(0)).getFill());
        assertNotEquals(removed, literal, "true is not drawn in the error colour");
    }

    @Test
    void aShortBlockWithOneLongLineScrollsSidewaysOnly() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        List<ScrollBar> bars = onFx(() -> {
            wide.getScene().getRoot().applyCss();
            wide.getScene().getRoot().layout();
            return all(wide, n -> n instanceof ScrollBar b && b.isVisible()).stream().map(n -> (ScrollBar) n).toList();
        });
        assertEquals(List.of(Orientation.HORIZONTAL), bars.stream().map(ScrollBar::getOrientation).toList());
        // and all seven lines show above the bar
        double content = onFx(() -> wide.codeArea().getTotalHeightEstimate());
        double shown = onFx(() -> wide.codeArea().getHeight());
        assertTrue(content <= shown + 0.5, content + " px of lines in a " + shown + " px view");
    }

    private static String texts(Parent root) {
        StringBuilder sb = new StringBuilder();
        for (Node n : all(root, n -> n instanceof Text)) {
            sb.append(((Text) n).getText()).append('|');
        }
        return sb.toString();
    }

    private static List<Node> all(Parent root, Predicate<Node> test) {
        List<Node> found = new ArrayList<>();
        for (Node n : root.getChildrenUnmodifiable()) {
            if (test.test(n)) {
                found.add(n);
            }
            if (n instanceof Parent p) {
                found.addAll(all(p, test));
            }
        }
        return found;
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get();
    }
}
