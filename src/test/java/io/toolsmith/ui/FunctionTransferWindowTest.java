package io.toolsmith.ui;

import static io.toolsmith.ui.RealApp.waitUntil;
import static io.toolsmith.ui.testing.Input.click;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import io.toolsmith.functions.FunctionStatus;
import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.ui.functions.FunctionDetailView;
import io.toolsmith.ui.testing.WindowTestExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import javafx.util.Pair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * The Functions tab takes Python files dropped on it (a drag board holding a real .py file, as a file manager
 * gives it) as pending functions, marks the selected function's own lines in its module, and exports the approved
 * functions into a real folder. Real engine and analyzer; no model is needed.
 */
@ExtendWith(WindowTestExtension.class)
class FunctionTransferWindowTest {
    private static final String TOOLS = """
            import json


            def greet(name: str) -> str:
                \"\"\"Greets someone by name.

                Args:
                    name: who to greet
                \"\"\"
                return "Hello, " + name


            def shout(text: str) -> str:
                \"\"\"Says it louder.

                Args:
                    text: what to say
                \"\"\"
                return text.upper() + "!"
            """;
    @TempDir
    Path home;
    @TempDir
    Path files;
    private FakeOllama ollama;
    private RealApp app;

    @Start
    void start(Stage stage) {
        ollama = FakeOllama.start();
        ollama.setModels(FakeModels.Model.of("qwen3:8b", "qwen3", "completion", "tools"));
        app = new RealApp(home, ollama.url()).show();
    }

    @AfterEach
    void close() {
        app.close();
        ollama.close();
    }

    @Test
    void droppedPythonFilesArrivePendingWithTheirOwnLinesMarkedAndApprovedOnesExport(FxRobot robot) throws Exception {
        Path tools = Files.writeString(files.resolve("tools.py"), TOOLS);
        Path notes = Files.writeString(files.resolve("notes.txt"), "not code");
        click(robot, "#functions-tab");
        Node panel = robot.lookup("#function-review").query();

        AtomicReference<TransferMode> accepted = new AtomicReference<>();
        robot.interact(() -> {
            Dragboard board = dragboard(List.of(notes.toFile(), tools.toFile()));
            DragEvent over = drag(DragEvent.DRAG_OVER, board);
            Event.fireEvent(panel, over);
            accepted.set(over.getAcceptedTransferMode());
            Event.fireEvent(panel, drag(DragEvent.DRAG_DROPPED, board));
        });
        assertEquals(TransferMode.COPY, accepted.get(), "a drag holding a .py file is accepted");
        waitUntil(30, () -> app.context.functions().functions().size() == 2);
        assertEquals(FunctionStatus.PENDING, app.engine.library().find("greet").orElseThrow().status(),
                "an imported function waits for review");
        assertEquals(FunctionStatus.PENDING, app.engine.library().find("shout").orElseThrow().status());
        Label snackbarText = robot.lookup("#snackbar").lookup((Node n) -> n instanceof Label).queryAs(Label.class);
        waitUntil(() -> snackbarText.getText().startsWith("Imported greet, shout from tools.py"));

        robot.interact(() -> app.context.functions().select("shout", () -> { }));
        FunctionDetailView detail = robot.lookup("#function-detail").queryAs(FunctionDetailView.class);
        List<String> lines = List.of(TOOLS.split("\n", -1));
        waitUntil(() -> !detail.ownLines().isEmpty() && lines.get(detail.ownLines().get(0)).startsWith("def shout("));
        List<Integer> own = detail.ownLines();
        assertEquals(lines.indexOf("    return text.upper() + \"!\""), own.get(own.size() - 1), "to its last line");
        assertEquals(own.size(), own.get(own.size() - 1) - own.get(0) + 1, "one unbroken range");

        app.engine.library().approve("greet", false);
        Path out = files.resolve("exported");
        AtomicReference<String> said = new AtomicReference<>();
        robot.interact(() -> app.context.functions().export(out, said::set));
        waitUntil(() -> said.get() != null);
        assertEquals("Exported 1 approved function to " + out + ".", said.get());
        String module = app.engine.library().find("greet").orElseThrow().module();
        assertEquals(TOOLS, Files.readString(out.resolve(module).resolve("code.py")));
        assertTrue(Files.readString(out.resolve(module).resolve("greet.spec.json")).contains("\"greet\""));
        assertTrue(Files.notExists(out.resolve(module).resolve("shout.spec.json")), "only approved functions leave");
    }

    /** What a file manager's drag gives the window: a drag board holding the files, offered for copying. */
    private static Dragboard dragboard(List<File> content) {
        Dragboard board = DragboardHelper.createDragboard(new FromFileManager());
        board.setContent(Map.of(DataFormat.FILES, content));
        return board;
    }

    /** The platform's side of a drag from another program, which the headless toolkit has none of. */
    private static final class FromFileManager implements TKClipboard {
        private final Map<DataFormat, Object> content = new java.util.HashMap<>();

        @Override
        public void setSecurityContext(java.security.AccessControlContext context) {
        }

        @Override
        public java.util.Set<DataFormat> getContentTypes() {
            return content.keySet();
        }

        @SafeVarargs
        @Override
        public final boolean putContent(Pair<DataFormat, Object>... pairs) {
            for (Pair<DataFormat, Object> p : pairs) {
                content.put(p.getKey(), p.getValue());
            }
            return true;
        }

        @Override
        public Object getContent(DataFormat format) {
            return content.get(format);
        }

        @Override
        public boolean hasContent(DataFormat format) {
            return content.containsKey(format);
        }

        @Override
        public java.util.Set<TransferMode> getTransferModes() {
            return java.util.EnumSet.of(TransferMode.COPY);
        }

        @Override
        public void setDragView(javafx.scene.image.Image image) {
        }

        @Override
        public void setDragViewOffsetX(double offsetX) {
        }

        @Override
        public void setDragViewOffsetY(double offsetY) {
        }

        @Override
        public javafx.scene.image.Image getDragView() {
            return null;
        }

        @Override
        public double getDragViewOffsetX() {
            return 0;
        }

        @Override
        public double getDragViewOffsetY() {
            return 0;
        }
    }

    private static DragEvent drag(javafx.event.EventType<DragEvent> type, Dragboard board) {
        return new DragEvent(type, board, 10, 10, 10, 10, TransferMode.COPY, null, null, null);
    }
}
