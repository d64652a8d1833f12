package io.toolsmith.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.data.DataSnapshots;
import io.toolsmith.testing.TestPython;
import io.toolsmith.ui.common.BackgroundExecutor;
import io.toolsmith.ui.common.DirectBackgroundExecutor;
import io.toolsmith.ui.common.UiExecutor;
import io.toolsmith.ui.data.ActivityFeed;
import io.toolsmith.ui.data.DataBrowser;
import io.toolsmith.ui.data.DataPanel;
import io.toolsmith.ui.data.DataViewModel;
import io.toolsmith.ui.testing.WindowTestExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
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
 * The Data tab over a real data folder that a function left hostile: a damaged pickle shows its sentence in place
 * of "Reading…", and choosing another file clears it; links, pipes and sockets are listed as what they are and
 * never opened.
 */
@ExtendWith(WindowTestExtension.class)
class DataTabTest {
    @TempDir
    static Path home;

    private BackgroundExecutor background;
    private DataViewModel model;
    private Path data;
    private DataSnapshots snapshots;

    private Stage stage;

    @AfterEach
    void closeOwnWindow() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> stage.close()).get();
    }

    @Start
    void start(Stage shared) throws Exception {
        // a window of its own: TestFX's shared stage would keep this test's size for later tests
        stage = new Stage(StageStyle.UNDECORATED);
        data = Files.createTempDirectory(home, "data");
        snapshots = new DataSnapshots(data, home.resolve("snapshots-" + data.getFileName()));
        python("import pickle, os\n"
                + "pickle.dump([{'category': 'Travel', 'amount': 300.0}, {'category': 'Food', 'amount': 9.5}],"
                + " open('good.pkl', 'wb'))\n"
                + "open('bad.pkl', 'wb').write(b'\\x80\\x04this is not a pickle')\n"
                + "os.symlink('/etc/passwd', 'link.pkl')\n"
                + "os.mkfifo('pipe.pkl')\n"
                + "import socket\ns = socket.socket(socket.AF_UNIX)\ns.bind('sock')\n");
        EngineData browser = new EngineData(data, snapshots, 64L << 20, new ChangeSignal());
        // Reading runs on the FX thread in this test, so every command's outcome is on screen once the events it
        // queued are handled; a change the data folder announces still arrives as an FX event.
        background = new DirectBackgroundExecutor();
        model = new DataViewModel(browser, ActivityFeed.EMPTY, background, UiExecutor.fx());
        stage.setScene(new Scene(new DataPanel(model), 1000, 700));
        stage.show();
    }

    @AfterEach
    void stop() {
        model.close();
        background.close();
    }

    @Test
    void aDamagedPickleShowsItsSentenceInPlaceAndChoosingAnotherFileClearsIt(FxRobot robot) throws Exception {
        robot.interact(model::reload);
        settled(() -> model.files().size() == 5);
        assertEquals(List.of("bad.pkl", "good.pkl", "link.pkl", "pipe.pkl", "sock"),
                model.files().stream().map(DataBrowser.DataFile::relativePath).toList());

        select(robot, "bad.pkl");
        settled(() -> robot.lookup("#data-message").tryQuery().isPresent());
        String damaged = robot.lookup("#data-message").queryAs(Label.class).getText();
        assertTrue(damaged.contains("bad.pkl"), damaged);
        assertFalse(robot.lookup("#data-reading").tryQuery().isPresent(), "no endless Reading…");

        select(robot, "good.pkl");
        settled(() -> robot.lookup("#data-table").tryQuery().isPresent());
        assertFalse(robot.lookup("#data-message").tryQuery().isPresent(), "the damaged file's sentence is gone");
        String notice = model.noticeProperty().get();
        assertTrue(notice == null || notice.isEmpty(), notice);

        select(robot, "link.pkl");
        settled(() -> robot.lookup("#data-message").tryQuery().isPresent());
        assertEquals("link.pkl is a link to /etc/passwd (not followed): Toolsmith does not open it.",
                robot.lookup("#data-message").queryAs(Label.class).getText());

        select(robot, "pipe.pkl");
        settled(() -> robot.lookup("#data-message").queryAs(Label.class).getText().contains("pipe.pkl"));
        assertEquals("pipe.pkl is a named pipe (never opened): Toolsmith does not open it.",
                robot.lookup("#data-message").queryAs(Label.class).getText());

        select(robot, "sock");
        settled(() -> robot.lookup("#data-message").queryAs(Label.class).getText().contains("sock"));
        assertTrue(robot.lookup("#data-message").queryAs(Label.class).getText().contains("socket (never opened)"));
        assertTrue(robot.lookup("#data-files").lookup((Node n) -> n instanceof ListCell<?> c && c.getText() != null
                && c.getText().equals("link.pkl  (link to /etc/passwd (not followed))")).tryQuery().isPresent(),
                "the list says what the link is");
    }

    @Test
    void theUndoNoticeStaysThroughTheReloadItCausesAndGoesWhenAnotherFileIsChosen(FxRobot robot) throws Exception {
        snapshots.take("call-1", "record_expense");
        python("import pickle\npickle.dump([{'category': 'Changed', 'amount': 1.0}], open('good.pkl', 'wb'))");
        robot.interact(model::reload);
        settled(() -> model.files().size() == 5 && !model.snapshots().isEmpty());

        DataBrowser.Snapshot before = model.snapshots().get(0);
        robot.interact(() -> model.undo(before));
        // The undo removes the pipe and the socket (snapshots never keep those), and the list reloads.
        settled(() -> model.files().size() == 3 && model.noticeProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Restored the data to how it was before calling record_expense.", model.noticeProperty().get());

        select(robot, "good.pkl");
        select(robot, "link.pkl");
        assertEquals(null, model.noticeProperty().get(), "choosing another file clears it");
    }

    /** The window makes the Data tab's panel when the tab is first shown, which can be after a file was chosen. */
    @Test
    void aPanelMadeAfterAFileWasChosenShowsThatFileAndItsNotice(FxRobot robot) throws Exception {
        robot.interact(model::reload);
        settled(() -> model.files().size() == 5);
        select(robot, "good.pkl");
        // a reload lists equal copies of the entries and keeps the one selected: the panel made later selects its own
        robot.interact(model::reload);
        settled(() -> model.contentProperty().get() instanceof io.toolsmith.ui.data.DataContent.Table);
        robot.interact(() -> model.noticeProperty().set("Exported good.pkl."));
        Object read = model.contentProperty().get();

        DataPanel later = WaitForAsyncUtils.asyncFx(() -> new DataPanel(model)).get(5, TimeUnit.SECONDS);
        robot.interact(() -> stage.setScene(new Scene(later, 1000, 700)));
        settled(() -> later.lookup("#data-table") != null);
        assertSame(read, model.contentProperty().get(), "the file is not read again for the panel");
        javafx.scene.control.ListView<?> files = (javafx.scene.control.ListView<?>) later.lookup("#data-files");
        assertEquals("good.pkl", ((DataBrowser.DataFile) files.getSelectionModel().getSelectedItem()).relativePath());
        assertEquals("Exported good.pkl.", ((Label) later.lookup("#data-notice")).getText());
    }

    private void select(FxRobot robot, String path) {
        robot.interact(() -> model.selectedProperty().set(model.files().stream()
                .filter(f -> f.relativePath().equals(path)).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Checks the window once the FX events queued so far are handled: every read in this test is done by then. */
    private static void settled(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS), "the window shows the outcome");
    }

    private void python(String code) throws Exception {
        Process p = new ProcessBuilder(TestPython.executable(), "-S", "-c", code).directory(data.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }
}
