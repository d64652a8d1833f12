package io.toolsmith.ui.chat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.ui.common.UiExecutor;
import io.toolsmith.ui.fakes.FakeChatEngine;
import io.toolsmith.ui.markdown.LinkPolicy;
import io.toolsmith.ui.testing.Frames;
import io.toolsmith.ui.testing.WindowTestExtension;
import io.toolsmith.ui.theme.AppTheme;
import io.toolsmith.ui.theme.ThemeManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Long and mixed replies (sections, a wide table, code, a call card, a reply cut off mid-code) at
 * several widths: no row is drawn over another, no row's content spills out of its row, and the
 * same holds after resizing and after switching to another chat and back.
 */
@ExtendWith(WindowTestExtension.class)
class TranscriptLayoutTest {
    static final String SECTIONS = """
            ## Where the money went

            November had **42 expenses** in 6 categories. The largest share was travel, mostly the
            cab rides to the airport and back, followed by groceries and the two dinners out.

            | Category | Count | Total (EUR) | Share | Average | Largest single expense |
            |:---------|------:|------------:|:-----:|--------:|:-----------------------|
            | Travel | 12 | 1234567.89 | 41.2% | 102880.66 | Cab to the airport, night rate |
            | Groceries | 18 | 843.20 | 28.1% | 46.84 | Weekly shop at the market |
            | Dining | 5 | 420.00 | 14.0% | 84.00 | Dinner with the team |

            ### Details

            - [x] travel checked against the receipts
            - [ ] groceries still to check
            - dining has one expense without a receipt[^1]

            ```python
            def totals(rows):
                result = {}
                for row in rows:
                    result[row["category"]] = result.get(row["category"], 0) + row["amount"]  # a long line that runs past the box
                return result
            ```

            See https://example.org/a/very/long/path/that/keeps/going/and/going/without/any/break/at/all/report.html for the report.

            ### What next

            1. Check the receipts.
            2. Set a monthly budget per category.

            > Budgets work best when they are reviewed every month.

            [^1]: The receipt for the dinner on the 14th is missing.
            """;

    static final String CALL = """
            I will record the cab ride.

            ```function_call
            {"id": "1", "name": "record_expense", "arguments": {"category": "Travel", "amount": 300.0, "note": "Cab to the airport"}}
            ```
            """;

    static final String CUT_OFF = """
            Here is the function:

            ```python
            def record_expense(category, amount, note=""):
                \"\"\"Records one expense.\"\"\"
                rows = load()
                rows.append({"category": category,
            """;

    /** The walkthrough's report: a table whose Note column wraps, then a heading, a JSON block and another heading. */
    static final String REPORT = """
            ## Summary

            | Category | Count | Amount (₹) | Share | Note |
            |:---------|------:|-----------:|:-----:|:-----|
            | Travel | 12 | 3,456,789.00 | 28.0% | Cabs, trains and one flight to Bengaluru for the conference |
            | Food | 20 | 4,120.50 | 33.4% | Lunches |
            | Rent | 1 | 1,234,567,890.12 | 10.0% | Flat |
            | Utilities and other rather long category names | 9 | 12.00 | 28.6% | Electricity, water, internet, phone |

            ## Tasks

            ```json
            {"category": "Travel", "amount": 300.0, "reviewed": true,
             "note": "Cab to the airport"}
            ```

            ## Links
            """;

    private ChatView view;
    private Stage stage;
    private ChatViewModel mixed;
    private ChatViewModel other;

    @AfterEach
    void closeOwnWindow() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> stage.close()).get();
    }

    @Start
    void start(Stage shared) {
        // A window of its own: this test resizes it, and TestFX's shared stage would stay small for later tests.
        stage = new Stage(StageStyle.UNDECORATED);
        view = new ChatView(new LinkPolicy(url -> { }), Runnable::run);
        mixed = new ChatViewModel("mixed", new FakeChatEngine(), UiExecutor.sameThread());
        List<MessageViewModel> history = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            history.add(message("mixed", MessageRole.USER, "Where did my money go?\nPlease split it\nby category."));
            history.add(message("mixed", MessageRole.ASSISTANT, SECTIONS));
            history.add(message("mixed", MessageRole.USER, "Log the cab ride."));
            history.add(message("mixed", MessageRole.ASSISTANT, CALL));
            history.add(message("mixed", MessageRole.USER, "Write the function."));
            MessageViewModel cut = message("mixed", MessageRole.ASSISTANT, "");
            cut.streamingProperty().set(true);
            cut.append(CUT_OFF);
            cut.streamingProperty().set(false);
            history.add(cut);
            history.add(message("mixed", MessageRole.ERROR, "The server stopped answering in the middle of the reply."));
        }
        mixed.messages().setAll(history);
        other = new ChatViewModel("other", new FakeChatEngine(), UiExecutor.sameThread());
        other.messages().setAll(List.of(message("other", MessageRole.USER, "Hi"),
                message("other", MessageRole.ASSISTANT, "Hello! " + "A short answer. ".repeat(30))));
        view.show(mixed);
        Scene scene = new Scene(view, 700, 700);
        new ThemeManager(AppTheme.LIGHT).install(scene);
        stage.setScene(scene);
        stage.show();
    }

    private static MessageViewModel message(String chat, MessageRole role, String text) {
        return new MessageViewModel(chat, role, text, List.of());
    }

    @Test
    void rowsNeverOverlapAtAnyWidthNorAfterResizingAndSwitchingChats() throws Exception {
        // the headless screen is 1280 px wide: the widest transcript a window of that size shows
        for (double width : new double[] {700, 1000, 1270}) {
            resize(width);
            assertNoOverlapThroughout("at " + width + " px");
        }
        onFx(() -> {
            view.show(other);
            return null;
        });
        Frames.settled(view);
        resize(900);
        onFx(() -> {
            view.show(mixed);
            return null;
        });
        Frames.settled(view);
        assertNoOverlapThroughout("after switching chats and back at 900 px");
        resize(700);
        assertNoOverlapThroughout("after narrowing to 700 px");
    }

    @Test
    void aTableFollowsItsWrappedCellsAndNothingIsDrawnOverIt() throws Exception {
        ChatViewModel report = onFx(() -> {
            ChatViewModel chat = new ChatViewModel("report", new FakeChatEngine(), UiExecutor.sameThread());
            chat.messages().setAll(List.of(message("report", MessageRole.USER, "The monthly report, please."),
                    message("report", MessageRole.ASSISTANT, REPORT)));
            view.show(chat);
            return chat;
        });
        Frames.settled(view);
        for (double width : new double[] {800, 1024, 1440}) {
            resize(width);
            assertTableWhole("at " + width + " px");
        }
        onFx(() -> {
            view.show(other);
            return null;
        });
        Frames.settled(view);
        resize(800);
        onFx(() -> {
            view.show(report);
            return null;
        });
        Frames.settled(view);
        assertTableWhole("after switching chats and back at 800 px");
        resize(1024);
        assertTableWhole("after widening to 1024 px");
    }

    /**
     * Every cell of the table lies within the table, each cell is as tall as its wrapped text, the table
     * ends before the next block starts, and the code block after it is as tall as it asks to be.
     */
    private void assertTableWhole(String when) throws Exception {
        String problem = onFx(() -> {
            VirtualFlow<?> flow = (VirtualFlow<?>) view.list().lookup(".virtual-flow");
            flow.getScene().getRoot().applyCss();
            flow.getScene().getRoot().layout();
            javafx.scene.layout.Region table = (javafx.scene.layout.Region) flow.lookup(".sideways-scroller");
            if (table == null) {
                return "no table shown";
            }
            for (Node cell : table.lookupAll(".md-table-cell")) {
                javafx.scene.layout.Region r = (javafx.scene.layout.Region) cell;
                Bounds b = table.sceneToLocal(r.localToScene(r.getLayoutBounds()));
                if (b.getMaxY() > table.getHeight() + 0.5) {
                    return "a cell ends at " + b.getMaxY() + " below the table's " + table.getHeight() + " px";
                }
                if (r.getHeight() + 0.5 < r.prefHeight(r.getWidth())) {
                    return "a cell " + r.getWidth() + " px wide is " + r.getHeight() + " px tall, its text needs "
                            + r.prefHeight(r.getWidth());
                }
            }
            Parent blocks = table.getParent();
            List<Node> children = blocks.getChildrenUnmodifiable();
            Node next = children.get(children.indexOf(table) + 1);
            if (next.getBoundsInParent().getMinY() < table.getBoundsInParent().getMaxY() - 0.5) {
                return "the block after the table starts at " + next.getBoundsInParent().getMinY()
                        + ", inside the table that ends at " + table.getBoundsInParent().getMaxY();
            }
            for (Node code : flow.lookupAll(".code-block")) {
                javafx.scene.layout.Region r = (javafx.scene.layout.Region) code;
                if (r.getHeight() + 0.5 < r.prefHeight(r.getWidth())) {
                    return "the code block is " + r.getHeight() + " px tall of its " + r.prefHeight(r.getWidth());
                }
            }
            return overlap(flow);
        });
        assertTrue(problem == null, when + ": " + problem);
    }

    @Test
    void streamedRepliesCutOffMidwayNeverOverlap() throws Exception {
        resize(1000);
        for (String reply : List.of(SECTIONS, CALL, CUT_OFF)) {
            MessageViewModel m = onFx(() -> {
                mixed.messages().add(message("mixed", MessageRole.USER, "Once more,\nwith feeling."));
                MessageViewModel streamed = message("mixed", MessageRole.ASSISTANT, "");
                streamed.streamingProperty().set(true);
                mixed.messages().add(streamed);
                return streamed;
            });
            for (int at = 0; at < reply.length(); at += 40) {
                String chunk = reply.substring(at, Math.min(reply.length(), at + 40));
                onFx(() -> {
                    m.append(chunk);
                    return null;
                });
                Frames.settled(view);
                String problem = onFx(() -> overlap((VirtualFlow<?>) view.list().lookup(".virtual-flow")));
                assertTrue(problem == null, "while streaming: " + problem);
            }
            onFx(() -> {
                m.streamingProperty().set(false);
                return null;
            });
        }
        onFx(() -> mixed.messages().add(message("mixed", MessageRole.ERROR, "The server stopped answering.")));
        Frames.settled(view);
        assertNoOverlapThroughout("after streaming at 1000 px");
        resize(1270);
        assertNoOverlapThroughout("after streaming at 1270 px");
    }

    private void resize(double width) throws Exception {
        onFx(() -> {
            stage.setX(0); // the window stays on the headless screen
            stage.setY(0);
            stage.setWidth(width);
            return null;
        });
        Frames.settled(view);
    }

    /** Scrolls from the top to the bottom, checking every screenful. */
    private void assertNoOverlapThroughout(String when) throws Exception {
        VirtualFlow<?> flow = onFx(() -> (VirtualFlow<?>) view.list().lookup(".virtual-flow"));
        onFx(() -> {
            flow.scrollTo(0);
            flow.setPosition(0);
            return null;
        });
        Frames.settled(view);
        int rows = onFx(() -> view.list().getItems().size());
        for (int step = 0; step < 200; step++) {
            Frames.settled(view);
            String problem = onFx(() -> overlap(flow));
            assertTrue(problem == null, when + ", step " + step + ": " + problem);
            boolean atEnd = onFx(() -> flow.getLastVisibleCell().getIndex() == rows - 1
                    && flow.getLastVisibleCell().getLayoutY() + flow.getLastVisibleCell().getHeight() <= flow.getHeight() + 1);
            if (atEnd) {
                return;
            }
            onFx(() -> flow.scrollPixels(250));
        }
        throw new AssertionError(when + ": never reached the end of " + rows + " rows");
    }

    /** A description of the first overlap among the visible rows, or null. */
    private static String overlap(VirtualFlow<?> flow) {
        // what the next pulse draws: styles and layout brought up to date first
        flow.getScene().getRoot().applyCss();
        flow.getScene().getRoot().layout();
        List<IndexedCell<?>> cells = new ArrayList<>();
        for (int i = flow.getFirstVisibleCell().getIndex(); i <= flow.getLastVisibleCell().getIndex(); i++) {
            IndexedCell<?> cell = flow.getVisibleCell(i);
            if (cell != null && cell.isVisible()) {
                cells.add(cell);
            }
        }
        for (int i = 0; i < cells.size(); i++) {
            IndexedCell<?> cell = cells.get(i);
            if (i > 0) {
                IndexedCell<?> above = cells.get(i - 1);
                double gap = cell.getLayoutY() - (above.getLayoutY() + above.getHeight());
                if (gap < -0.5) {
                    return "row " + cell.getIndex() + " starts " + (-gap) + " px inside row " + above.getIndex();
                }
            }
            String spill = spill(cell.getGraphic(), cell.getHeight(), "row " + cell.getIndex() + " (" + cell.getWidth() + " x "
                    + cell.getHeight() + ", content " + describe(cell.getGraphic()) + ")");
            if (spill != null) {
                return spill;
            }
        }
        return null;
    }

    /**
     * Whether a node or any of its managed descendants reaches below what its parent gives it:
     * content drawn past its row's bottom is drawn over the next row.
     */
    private static String spill(Node node, double room, String where) {
        if (node == null || !node.isVisible() || !node.isManaged()) {
            return null;
        }
        Bounds b = node.getBoundsInParent();
        if (b.getMaxY() > room + 1.0) {
            return where + ": " + node.getClass().getSimpleName() + " " + node.getStyleClass() + " ends at "
                    + b.getMaxY() + " of " + room + " px";
        }
        if (node instanceof javafx.scene.layout.Region region && region.getHeight() + 1.0 < region.minHeight(region.getWidth())) {
            return where + ": " + node.getClass().getSimpleName() + " " + node.getStyleClass() + " squeezed to "
                    + region.getHeight() + " of its " + region.minHeight(region.getWidth()) + " px";
        }
        if (node instanceof Parent parent && !(node instanceof javafx.scene.text.TextFlow)
                && !(node instanceof javafx.scene.control.Control)) {
            double inner = node instanceof javafx.scene.layout.Region r ? r.getHeight() : Double.MAX_VALUE;
            for (Node child : parent.getChildrenUnmodifiable()) {
                String s = spill(child, inner, where + " > " + node.getClass().getSimpleName());
                if (s != null) {
                    return s;
                }
            }
        }
        return null;
    }

    private static String describe(Node graphic) {
        return graphic instanceof javafx.scene.layout.Region r ? r.getWidth() + " x " + r.getHeight() + ", wants "
                + r.prefHeight(r.getWidth()) + " at its width, " + r.prefWidth(-1) + " x " + r.prefHeight(-1) : "none";
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get();
    }
}
