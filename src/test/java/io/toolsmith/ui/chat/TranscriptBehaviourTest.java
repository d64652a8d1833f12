package io.toolsmith.ui.chat;

import static io.toolsmith.ui.testing.Input.click;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.ui.common.PngWriter;
import io.toolsmith.ui.common.UiExecutor;
import io.toolsmith.ui.fakes.FakeChatEngine;
import io.toolsmith.ui.markdown.LinkPolicy;
import io.toolsmith.ui.testing.Frames;
import io.toolsmith.ui.testing.WindowTestExtension;
import io.toolsmith.ui.theme.AppTheme;
import io.toolsmith.ui.theme.ThemeManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.MouseButton;
import javafx.scene.input.ScrollEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the transcript shows as a person uses it: typed line breaks kept, a call's result only on
 * its card, a link that cannot be opened says so, and the view follows new content while the
 * user is at the bottom and stops once they scroll up.
 */
@ExtendWith(WindowTestExtension.class)
class TranscriptBehaviourTest {
    private static final String CALL = """
            I will record it.

            ```function_call
            {"id": "1", "name": "record_expense", "arguments": {"category": "Travel", "amount": 300.0}}
            ```
            """;
    private static final String RESULTS = """
            ```function_output
            {"id": "1", "result": {"rows": 1}}
            ```
            """;

    @TempDir
    static Path folder;
    private final List<String> opened = new CopyOnWriteArrayList<>();
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
        view = new ChatView(new LinkPolicy(opened::add, () -> false), Runnable::run);
        chat = new ChatViewModel("c1", new FakeChatEngine(), UiExecutor.sameThread());
        view.show(chat);
        Scene scene = new Scene(view, 800, 600);
        new ThemeManager(AppTheme.LIGHT).install(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void aTypedMessageKeepsItsLineBreaks() throws Exception {
        add(MessageRole.USER, "First line\nsecond line\nthird line");
        String shown = onFx(() -> texts(view.list()));
        assertTrue(shown.contains("First line\nsecond line\nthird line"), shown);
    }

    @Test
    void aCallsResultShowsOnItsCardOnly() throws Exception {
        add(MessageRole.USER, "Log the cab ride");
        add(MessageRole.ASSISTANT, CALL);
        add(MessageRole.FUNCTION_RESULTS, RESULTS);
        add(MessageRole.ASSISTANT, "Done.");
        List<MessageRole> rows = onFx(() -> view.list().getItems().stream()
                .map(r -> ((MessageRows.Row) r).message().role()).toList());
        assertEquals(List.of(MessageRole.USER, MessageRole.ASSISTANT, MessageRole.ASSISTANT), rows);
        assertFalse(onFx(() -> texts(view.list())).contains("function_output"));
        // results that follow a reply without call cards still show
        add(MessageRole.FUNCTION_RESULTS, RESULTS);
        assertEquals(4, (int) onFx(() -> view.list().getItems().size()));
    }

    @Test
    void aLinkWithNoBrowserIsCopiedAndSaysSo(FxRobot robot) throws Exception {
        String url = "https://example.org/report";
        add(MessageRole.ASSISTANT, "See [the report](" + url + ").");
        Text link = onFx(() -> (Text) find(view.list(), n -> n.getStyleClass().contains("md-link")));
        click(robot, link);
        Frames.settled(view);
        assertTrue(onFx(() -> view.notice().getParent().isVisible()), "a notice is shown");
        assertTrue(onFx(() -> view.notice().getText()).startsWith("Could not open a browser; the link is copied"));
        assertEquals(url, onFx(() -> Clipboard.getSystemClipboard().getString()));
        assertTrue(opened.isEmpty());
    }

    @Test
    void theViewFollowsNewContentUntilTheUserScrollsUp() throws Exception {
        WritableImage picture = new WritableImage(300, 200);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 300; x++) {
                picture.getPixelWriter().setColor(x, y, Color.rgb(x % 256, y, 120));
            }
        }
        Path png = folder.resolve("receipt.png");
        PngWriter.write(picture, png);
        for (int i = 0; i < 6; i++) {
            add(MessageRole.USER, "Question " + i);
            add(MessageRole.ASSISTANT, "Answer " + i + ". " + "Some words to fill the line. ".repeat(8));
        }
        onFx(() -> chat.messages().add(new MessageViewModel("c1", MessageRole.USER, "What is on this receipt?",
                List.of(png))));
        Frames.settled(view);
        MessageViewModel reply = onFx(() -> {
            MessageViewModel m = new MessageViewModel("c1", MessageRole.ASSISTANT, "", List.of());
            m.streamingProperty().set(true);
            chat.messages().add(m);
            return m;
        });
        StringBuilder code = new StringBuilder("```python\n");
        for (int i = 0; i < 30; i++) {
            code.append("total_").append(i).append(" = sum(row['amount'] for row in rows if row['month'] == ").append(i)
                    .append(")\n");
            String chunk = code.toString();
            onFx(() -> {
                reply.append(chunk.substring(reply.text().length()));
                return null;
            });
            Frames.after(view, 3);
            assertTrue(onFx(() -> view.isAtEnd()), "the end is in view after line " + i);
        }
        // a wheel turned up, as the list receives it
        onFx(() -> {
            javafx.event.Event.fireEvent(view.list().lookup(".virtual-flow"), new ScrollEvent(ScrollEvent.SCROLL, 400, 300, 400, 300, false,
                    false, false, false, false, false, 0, 120, 0, 120, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                    ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null));
            return null;
        });
        Frames.settled(view);
        assertFalse(onFx(() -> view.isFollowing()), "scrolling up stops following");
        assertFalse(onFx(() -> view.isAtEnd()), "scrolled up from the end");
        onFx(() -> {
            reply.append("```\n\nAnd a closing paragraph that arrives while the user reads above.\n\nAnother one.\n");
            return null;
        });
        Frames.settled(view);
        assertFalse(onFx(() -> view.isAtEnd()), "the view stayed where the user scrolled to");
    }

    /**
     * A click is not scrolling: the view that followed the end before the click follows it after, even when the chat
     * grew while the button was down (a reply streaming on, a card the click opens laid out before the release was
     * done with), so what the click made taller comes into view.
     */
    @Test
    void aClickWhileTheViewFollowsLeavesItFollowingThoughTheChatGrewMeanwhile(FxRobot robot) throws Exception {
        for (int i = 0; i < 6; i++) {
            add(MessageRole.USER, "Question " + i);
            add(MessageRole.ASSISTANT, "Answer " + i + ". " + "Some words to fill the line. ".repeat(8));
        }
        MessageViewModel reply = onFx(() -> {
            MessageViewModel m = new MessageViewModel("c1", MessageRole.ASSISTANT, "The reply begins here.", List.of());
            m.streamingProperty().set(true);
            chat.messages().add(m);
            return m;
        });
        Frames.after(view, 3);
        assertTrue(onFx(() -> view.isAtEnd() && view.isFollowing()), "the view follows the end");

        Node words = onFx(() -> find(view.list(), n -> n instanceof Text t && t.getText().contains("The reply begins")));
        robot.moveTo(words);
        robot.press(MouseButton.PRIMARY);
        onFx(() -> {
            reply.append("\n\nMore of the reply, which arrives while the button is down.".repeat(12));
            return null;
        });
        Frames.after(view, 3);
        robot.release(MouseButton.PRIMARY);
        Frames.after(view, 3);

        assertTrue(onFx(() -> view.isFollowing()), "the click left the view following");
        assertTrue(onFx(() -> view.isAtEnd()), "and what arrived meanwhile is in view");
    }

    @Test
    void theWheelOverACodeBlockScrollsTheTranscriptAndShiftWheelScrollsTheCodeSideways() throws Exception {
        for (int i = 0; i < 6; i++) {
            add(MessageRole.USER, "Question " + i);
            add(MessageRole.ASSISTANT, "Answer " + i + ". " + "Some words to fill the line. ".repeat(8));
        }
        add(MessageRole.ASSISTANT, "Here it is:\n\n```python\ndef total(rows):\n    return sum(r['amount'] for r in rows"
                + " if r['category'] == 'a category name that is long enough to run past the edge of the block')\n```\n");
        // the code ends the chat, so the view, following the end, shows it
        javafx.scene.control.skin.VirtualFlow<?> flow = onFx(() -> (javafx.scene.control.skin.VirtualFlow<?>)
                view.list().lookup(".virtual-flow"));
        Frames.after(view, 3);
        org.fxmisc.richtext.CodeArea area = onFx(() -> ((io.toolsmith.ui.code.CodeBlockView)
                find(view.list(), n -> n instanceof io.toolsmith.ui.code.CodeBlockView)).codeArea());
        Frames.settled(view);
        double before = onFx(flow::getPosition);

        // the wheel turned up with the pointer over a line of code: the event goes to the line's text
        Node line = onFx(() -> find(area, n -> n instanceof Text));
        onFx(() -> {
            javafx.event.Event.fireEvent(line, wheel(120, false));
            return null;
        });
        Frames.settled(view);
        double after = onFx(flow::getPosition);
        assertTrue(after < before, "the transcript moved up: " + before + " -> " + after);

        onFx(() -> {
            javafx.event.Event.fireEvent(line, wheel(-120, true));
            return null;
        });
        Frames.settled(view);
        assertTrue(onFx(area::getEstimatedScrollX) > 0, "Shift+wheel scrolled the long line sideways");
        assertEquals(after, onFx(flow::getPosition), 1e-9, "and not the transcript");
    }

    private static ScrollEvent wheel(double deltaY, boolean shift) {
        return new ScrollEvent(ScrollEvent.SCROLL, 10, 10, 10, 10, shift, false, false, false, false, false, 0, deltaY,
                0, deltaY, ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0,
                null);
    }

    @Test
    void theViewFollowsAPictureThatLoadsAfterItsMessageIsShown() throws Exception {
        for (int i = 0; i < 6; i++) {
            add(MessageRole.USER, "Question " + i);
            add(MessageRole.ASSISTANT, "Answer " + i + ". " + "Some words to fill the line. ".repeat(8));
        }
        WritableImage picture = new WritableImage(600, 600);
        for (int y = 0; y < 600; y++) {
            for (int x = 0; x < 600; x++) {
                picture.getPixelWriter().setColor(x, y, Color.rgb(x % 256, y % 256, 90));
            }
        }
        Path png = folder.resolve("photo.png");
        PngWriter.write(picture, png);
        onFx(() -> chat.messages().add(new MessageViewModel("c1", MessageRole.USER, "What is on this photo?",
                List.of(png))));
        Frames.settled(view);
        // the thumbnail loads in the background and makes its row taller once it has arrived
        CompletableFuture<Void> loaded = new CompletableFuture<>();
        onFx(() -> {
            Image image = ((ImageView) find(view.list(), n -> n instanceof ImageView)).getImage();
            if (image.getProgress() >= 1) {
                loaded.complete(null);
            }
            image.progressProperty().addListener((obs, was, now) -> {
                if (now.doubleValue() >= 1) {
                    loaded.complete(null);
                }
            });
            return null;
        });
        loaded.get(20, TimeUnit.SECONDS);
        Frames.after(view, 3);
        assertTrue(onFx(() -> view.isAtEnd()), "the loaded picture is in view");
    }

    private void add(MessageRole role, String text) throws Exception {
        onFx(() -> chat.messages().add(new MessageViewModel("c1", role, text, List.of())));
        Frames.settled(view);
    }

    private static String texts(Parent root) {
        StringBuilder sb = new StringBuilder();
        for (Node n : root.getChildrenUnmodifiable()) {
            if (n instanceof Text t) {
                sb.append(t.getText()).append('|');
            } else if (n instanceof Parent p) {
                sb.append(texts(p));
            }
        }
        return sb.toString();
    }

    private static Node find(Parent root, java.util.function.Predicate<Node> test) {
        List<Parent> queue = new ArrayList<>(List.of(root));
        while (!queue.isEmpty()) {
            for (Node n : queue.remove(0).getChildrenUnmodifiable()) {
                if (test.test(n) && shown(n)) {
                    return n;
                }
                if (n instanceof Parent p) {
                    queue.add(p);
                }
            }
        }
        throw new AssertionError("not found");
    }

    /** Visible with all its parents (not in the list's hidden measuring cell). */
    private static boolean shown(Node n) {
        for (Node at = n; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get();
    }
}
