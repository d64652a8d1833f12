package io.toolsmith.ui.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.ui.testing.WindowTestExtension;
import io.toolsmith.ui.theme.AppTheme;
import io.toolsmith.ui.theme.ThemeManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A wide table in a narrow reply: numbers stay on one line (the table scrolls sideways instead),
 * columns keep the alignment of their delimiter row, and the header is bold.
 */
@ExtendWith(WindowTestExtension.class)
class TableLayoutTest {
    private static final String TABLE = """
            | Category | Count | Total (EUR) | Share | Average | Largest single expense of the month |
            |:---------|------:|------------:|:-----:|--------:|:------------------------------------|
            | Travel | 12 | 1234567.89 | 41.2% | 102880.66 | Cab to the airport, night rate, two passengers and luggage |
            | Groceries | 18 | 843.20 | 28.1% | 46.84 | Weekly shop at the market |
            """;

    private MarkdownView view;
    private Stage stage;

    @AfterEach
    void closeOwnWindow() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> stage.close()).get();
    }

    @Start
    void start(Stage shared) {
        // A window of its own: this test resizes it, and TestFX's shared stage would stay small for later tests.
        stage = new Stage(StageStyle.UNDECORATED);
        view = new MarkdownView(new MarkdownRenderer(new LinkPolicy(url -> { }), Runnable::run));
        view.setMarkdown(TABLE);
        Scene scene = new Scene(new StackPane(view), 400, 400);
        new ThemeManager(AppTheme.LIGHT).install(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void numbersNeverBreakAndANarrowTableScrollsSideways() throws Exception {
        for (double width : new double[] {400, 700, 1400}) {
            onFx(() -> {
                stage.setWidth(width);
                stage.getScene().getRoot().applyCss();
                stage.getScene().getRoot().layout();
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            List<TableCellFlow> cells = onFx(() -> cells(view));
            assertEquals(18, cells.size());
            for (TableCellFlow cell : cells) {
                String text = onFx(() -> text(cell));
                if (text.matches("[0-9.,%]+")) {
                    int lines = onFx(() -> lines(cell));
                    assertEquals(1, lines, "'" + text + "' is laid out on " + lines + " lines at " + width + " px");
                }
            }
            SidewaysScroller box = onFx(() -> (SidewaysScroller) view.getChildren().get(0));
            boolean scrolls = onFx(() -> box.bar().isVisible());
            double fits = onFx(() -> box.minWidthOfContent());
            assertEquals(fits > box.getWidth(), scrolls, "a scroll bar exactly when the columns do not fit at " + width);
        }
        onFx(() -> {
            stage.setWidth(400);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(onFx(() -> ((SidewaysScroller) view.getChildren().get(0)).bar().isVisible()),
                "a table wider than 400 px scrolls sideways");
    }

    @Test
    void columnsKeepTheirAlignmentAndTheHeaderIsBold() throws Exception {
        List<TableCellFlow> cells = onFx(() -> cells(view));
        List<TextAlignment> header = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            header.add(cells.get(i).getTextAlignment());
        }
        assertEquals(List.of(TextAlignment.LEFT, TextAlignment.RIGHT, TextAlignment.RIGHT, TextAlignment.CENTER,
                TextAlignment.RIGHT, TextAlignment.LEFT), header);
        assertEquals(TextAlignment.RIGHT, cells.get(6 + 2).getTextAlignment(), "a body cell of Total");
        String headerFont = onFx(() -> ((Text) cells.get(0).getChildren().get(0)).getFont().getStyle());
        String bodyFont = onFx(() -> ((Text) cells.get(6).getChildren().get(0)).getFont().getStyle());
        assertTrue(headerFont.toLowerCase().contains("bold"), "header font " + headerFont);
        assertFalse(bodyFont.toLowerCase().contains("bold"), "body font " + bodyFont);
    }

    private static int lines(TableCellFlow cell) {
        Text probe = new Text("0");
        Text first = (Text) cell.getChildren().get(0);
        probe.setFont(first.getFont());
        double line = probe.getLayoutBounds().getHeight();
        // the text's own height at the cell's width (the row may be taller for a neighbour's sake)
        double content = cell.prefHeight(cell.getWidth()) - cell.snappedTopInset() - cell.snappedBottomInset();
        return (int) Math.round(content / line);
    }

    private static String text(TableCellFlow cell) {
        StringBuilder sb = new StringBuilder();
        cell.getChildren().forEach(n -> sb.append(n instanceof Text t ? t.getText() : ""));
        return sb.toString().strip();
    }

    private static List<TableCellFlow> cells(Parent root) {
        List<TableCellFlow> out = new ArrayList<>();
        for (Node n : root.getChildrenUnmodifiable()) {
            if (n instanceof TableCellFlow cell) {
                out.add(cell);
            } else if (n instanceof Parent p) {
                out.addAll(cells(p));
            }
        }
        return out;
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get();
    }
}
