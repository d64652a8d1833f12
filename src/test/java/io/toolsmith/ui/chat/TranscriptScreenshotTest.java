package io.toolsmith.ui.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.toolsmith.ui.common.PngWriter;
import io.toolsmith.ui.common.UiExecutor;
import io.toolsmith.ui.fakes.FakeChatEngine;
import io.toolsmith.ui.markdown.LinkPolicy;
import io.toolsmith.ui.testing.WindowTestExtension;
import io.toolsmith.ui.theme.AppTheme;
import io.toolsmith.ui.theme.ThemeManager;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Saves PNGs of a chat with a wide table, code and a call card at 1024×700 and 1440×900, light
 * and dark, to the folder in {@code toolsmith.screenshots} (default target/screenshots); each is
 * read back at its size.
 */
@ExtendWith(WindowTestExtension.class)
class TranscriptScreenshotTest {
    private Stage stage;
    private Scene scene;
    private ThemeManager themes;
    private ChatView view;
    private Scene offscreen;

    @AfterEach
    void closeOwnWindow() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> stage.close()).get();
    }

    @Start
    void start(Stage shared) {
        // a window of its own: TestFX's shared stage would keep this test's size for later tests
        stage = new Stage(StageStyle.UNDECORATED);
        view = new ChatView(new LinkPolicy(url -> { }, () -> true), Runnable::run);
        ChatViewModel chat = new ChatViewModel("c1", new FakeChatEngine(), UiExecutor.sameThread());
        chat.messages().setAll(List.of(
                new MessageViewModel("c1", MessageRole.USER, "Log the cab ride:\n300 EUR, travel.", List.of()),
                new MessageViewModel("c1", MessageRole.ASSISTANT, TranscriptLayoutTest.CALL, List.of()),
                new MessageViewModel("c1", MessageRole.USER, "Where did my money go?", List.of()),
                new MessageViewModel("c1", MessageRole.ASSISTANT, TranscriptLayoutTest.SECTIONS, List.of())));
        view.show(chat);
        scene = new Scene(view, 1024, 700);
        themes = new ThemeManager(AppTheme.LIGHT);
        themes.install(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void savesTheTranscriptAtTwoSizesLightAndDark() throws Exception {
        Path folder = Path.of(System.getProperty("toolsmith.screenshots", "target/screenshots"));
        Files.createDirectories(folder);
        for (AppTheme theme : List.of(AppTheme.LIGHT, AppTheme.DARK)) {
            for (int[] size : new int[][] {{1024, 700}, {1440, 900}}) {
                WaitForAsyncUtils.asyncFx(() -> {
                    themes.setTheme(theme);
                    // the window is taken off the 1280×800 headless screen: a scene larger than the
                    // screen is drawn by its snapshot, not by the screen's painter
                    stage.setScene(null);
                    view.getScene().setRoot(new javafx.scene.Group());
                    offscreen = new Scene(view, size[0], size[1]);
                    themes.install(offscreen);
                    view.list().scrollTo(1);
                    return null;
                }).get();
                WaitForAsyncUtils.waitForFxEvents();
                Path png = folder.resolve("transcript-" + theme.name().toLowerCase() + "-" + size[0] + "x" + size[1] + ".png");
                WaitForAsyncUtils.asyncFx(() -> {
                    offscreen.snapshot(null);
                    PngWriter.write(offscreen.snapshot(null), png);
                    return null;
                }).get(20, TimeUnit.SECONDS);
                try (FileInputStream in = new FileInputStream(png.toFile())) {
                    Image read = new Image(in);
                    assertFalse(read.isError(), png + " could not be read back");
                    assertEquals(size[0], read.getWidth());
                    assertEquals(size[1], read.getHeight());
                }
            }
        }
    }
}
