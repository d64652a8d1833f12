package io.toolsmith.ui.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.toolsmith.ui.code.CodeBlockView;
import io.toolsmith.ui.testing.WindowTestExtension;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.Scene;
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
 * A growing document keeps its nodes: a streamed paragraph keeps its text runs, a streamed code
 * block keeps its highlighted runs, so a frame styles only what is new.
 */
@ExtendWith(WindowTestExtension.class)
class MarkdownViewUpdateTest {
    private MarkdownView view;

    private Stage stage;

    @AfterEach
    void closeOwnWindow() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> stage.close()).get();
    }

    @Start
    void start(Stage shared) {
        // a window of its own: TestFX's shared stage would keep this test's size for later tests
        stage = new Stage(StageStyle.UNDECORATED);
        view = new MarkdownView(new MarkdownRenderer(new LinkPolicy(url -> { }), null));
        stage.setScene(new Scene(view, 600, 400));
        stage.show();
    }

    @Test
    void grownParagraphKeepsItsTextRuns() throws Exception {
        TextFlow before = onFx(() -> {
            view.setMarkdown("First block.\n\nThe **total** is 30");
            return (TextFlow) view.getChildren().get(1);
        });
        List<Node> runsBefore = onFx(() -> List.copyOf(before.getChildren()));
        TextFlow after = onFx(() -> {
            view.setMarkdown("First block.\n\nThe **total** is 300.0 for travel *and* food");
            return (TextFlow) view.getChildren().get(1);
        });
        assertSame(before, after);
        List<Node> runsAfter = onFx(() -> List.copyOf(after.getChildren()));
        for (int i = 0; i < 2; i++) {
            assertSame(runsBefore.get(i), runsAfter.get(i));
        }
        assertEquals("The total is 300.0 for travel and food", onFx(() -> textOf(after)));
    }

    @Test
    void grownCodeBlockKeepsItsHighlightedRuns() throws Exception {
        CodeBlockView before = onFx(() -> {
            view.setMarkdown("```python\ndef totals(rows):\n    return 1\n");
            return (CodeBlockView) view.getChildren().get(0);
        });
        List<Node> runsBefore = onFx(() -> List.copyOf(before.lookupAll(".code-text")));
        CodeBlockView after = onFx(() -> {
            view.setMarkdown("```python\ndef totals(rows):\n    return 1\n# done\n```\n");
            return (CodeBlockView) view.getChildren().get(0);
        });
        assertSame(before, after);
        List<Node> runsAfter = onFx(() -> List.copyOf(after.lookupAll(".code-text")));
        assertSame(runsBefore.get(0), runsAfter.get(0));
        assertEquals("def totals(rows):\n    return 1\n# done",
                onFx(() -> runsAfter.stream().map(n -> ((Text) n).getText()).reduce("", String::concat)));
    }

    private static String textOf(TextFlow flow) {
        StringBuilder sb = new StringBuilder();
        flow.getChildren().forEach(n -> sb.append(((Text) n).getText()));
        return sb.toString();
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get();
    }
}
