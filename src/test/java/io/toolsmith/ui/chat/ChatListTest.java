package io.toolsmith.ui.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.ui.common.UiExecutor;
import io.toolsmith.ui.fakes.FakeChatEngine;
import io.toolsmith.ui.markdown.LinkPolicy;
import io.toolsmith.ui.testing.Frames;
import io.toolsmith.ui.testing.WindowTestExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
 * The chat list with a long history: rows are measured from remembered heights and estimates,
 * yet rows on screen are laid out edge to edge while scrolling up through rows never shown, and
 * a streamed reply that grows new rows stays in view at the end.
 */
@ExtendWith(WindowTestExtension.class)
class ChatListTest {
    private static final String REPLY = """
            Here is the plan, with a short list:

            - read the rows
            - sum them per category

            ```python
            def totals(rows):
                result = {}
                for row in rows:
                    result[row["category"]] = result.get(row["category"], 0) + row["amount"]
                return result
            ```

            The **total** for travel is `300.0`, about half of everything. A longer closing paragraph
            that wraps over more than one line in a list this wide, so that rows differ in height.
            """;

    private ChatView view;
    private ChatViewModel chat;

    private Stage stage;

    @AfterEach
    void closeOwnWindow() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> stage.close()).get();
    }

    @Start
    void start(Stage shared) {
        // a window of its own: TestFX's shared stage would keep this test's size for later tests
        stage = new Stage(StageStyle.UNDECORATED);
        view = new ChatView(new LinkPolicy(url -> { }), Runnable::run);
        chat = new ChatViewModel("c1", new FakeChatEngine(), UiExecutor.sameThread());
        List<MessageViewModel> history = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            history.add(new MessageViewModel("c1", MessageRole.USER, "Question " + i + "?", List.of()));
            history.add(new MessageViewModel("c1", MessageRole.ASSISTANT, i % 3 == 0 ? REPLY : "Answer " + i + ".",
                    List.of()));
        }
        chat.messages().setAll(history);
        view.show(chat);
        stage.setScene(new Scene(view, 700, 600));
        stage.show();
    }

    @Test
    void rowsStayEdgeToEdgeWhileScrollingUpThroughUnseenRows() throws Exception {
        VirtualFlow<?> flow = onFx(() -> (VirtualFlow<?>) view.list().lookup(".virtual-flow"));
        int firstAtEnd = onFx(() -> flow.getFirstVisibleCell().getIndex());
        int previous = firstAtEnd;
        for (int step = 0; step < 60; step++) {
            onFx(() -> scrollUp(flow, 150));
            Frames.settled(view);
            int first = onFx(() -> flow.getFirstVisibleCell().getIndex());
            assertTrue(first <= previous, "scrolling up moved down from row " + previous + " to " + first);
            previous = first;
            List<double[]> spans = onFx(() -> visibleSpans(flow));
            for (int i = 1; i < spans.size(); i++) {
                double gap = spans.get(i)[0] - spans.get(i - 1)[1];
                assertTrue(Math.abs(gap) < 1.0, "rows " + (i - 1) + " and " + i + " are " + gap + " px apart at step " + step);
            }
        }
        int firstNow = onFx(() -> flow.getFirstVisibleCell().getIndex());
        // 60 steps of 150 px pass well over 30 rows of at most about 300 px
        assertTrue(firstNow < firstAtEnd - 30, "scrolled up from row " + firstAtEnd + " to " + firstNow);
    }

    @Test
    void streamedReplyGrowsRowsAndStaysInViewAtTheEnd() throws Exception {
        MessageViewModel reply = onFx(() -> {
            MessageViewModel m = new MessageViewModel("c1", MessageRole.ASSISTANT, "", List.of());
            m.streamingProperty().set(true);
            chat.messages().add(m);
            return m;
        });
        for (int i = 0; i < 40; i++) {
            int n = i;
            onFx(() -> {
                reply.append("Paragraph " + n + " of the reply, long enough to wrap onto a second line in this list.\n\n");
                return null;
            });
            Frames.settled(view);
        }
        VirtualFlow<?> flow = onFx(() -> (VirtualFlow<?>) view.list().lookup(".virtual-flow"));
        Frames.settled(view);
        int rows = onFx(() -> view.list().getItems().size());
        assertEquals(600 + 10, rows, "40 paragraphs make 10 rows of four blocks");
        assertTrue(onFx(() -> view.isAtEnd()), "the end of the reply is in view");
        IndexedCell<?> last = onFx(flow::getLastVisibleCell);
        assertEquals(rows - 1, (int) onFx(last::getIndex));
    }

    /** A wheel turned up by {@code pixels}, as the user does it (the chat stops following the end). */
    private static Void scrollUp(VirtualFlow<?> flow, double pixels) {
        javafx.event.Event.fireEvent(flow, new javafx.scene.input.ScrollEvent(javafx.scene.input.ScrollEvent.SCROLL,
                300, 300, 300, 300, false, false, false, false, false, false, 0, pixels, 0, pixels,
                javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null));
        return null;
    }

    private static List<double[]> visibleSpans(VirtualFlow<?> flow) {
        List<double[]> spans = new ArrayList<>();
        for (int i = flow.getFirstVisibleCell().getIndex(); i <= flow.getLastVisibleCell().getIndex(); i++) {
            IndexedCell<?> cell = flow.getVisibleCell(i);
            if (cell != null && cell.isVisible()) {
                spans.add(new double[] {cell.getLayoutY(), cell.getLayoutY() + cell.getHeight()});
            }
        }
        return spans;
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get();
    }
}
