package io.toolsmith.ui;

import io.toolsmith.app.Engine;
import io.toolsmith.settings.Home;
import io.toolsmith.ui.chat.ChatViewModel;
import io.toolsmith.ui.chat.MessageViewModel;
import io.toolsmith.ui.engine.EngineServices;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real application for TestFX tests: the engine on a temporary home, its window services, and the window,
 * talking to {@code host} (a scripted Ollama stand-in). Only the language model is scripted.
 */
final class RealApp implements AutoCloseable {
    static final String ASK_FOR_TRACKER = "I want to be able to track my expenses. Could you write a simple expense"
            + " tracker that lets me (1) record any expense I make, and (2) query all the expenses I've made so far?";
    static final String ASK_FOR_SPECS = "Generate a function specification for the code you just wrote.";
    static final String LOG_EXPENSE = "I just spent 300 rupees on a cab ride back home today (7th July, 2025)."
            + " Log this as a travel expense, please.";

    final Engine engine;
    final EngineServices services;
    final AppContext context;
    final List<String> openedLinks = new CopyOnWriteArrayList<>();
    Scene scene;

    RealApp(Path home, String host) {
        this(home, host, io.toolsmith.ui.window.ProbeClock.system());
    }

    /** With the connection probe's clock in the test's hands. */
    RealApp(Path home, String host, io.toolsmith.ui.window.ProbeClock probeClock) {
        engine = Engine.open(new Home(home), host);
        services = new EngineServices(engine, openedLinks::add);
        context = ToolsmithWindow.open(engine, services, probeClock);
    }

    RealApp show(Stage stage) {
        scene = context.show(stage, 1280, 800);
        return this;
    }

    ChatViewModel chat() {
        return context.window().chatView().chat();
    }

    MessageViewModel last() {
        var messages = chat().messages();
        return messages.get(messages.size() - 1);
    }

    /** Puts the text in the input (robot typing is slow under Monocle) and presses Enter for real. */
    static void typeAndPressEnter(FxRobot robot, String text) {
        robot.clickOn("#chat-input");
        robot.interact(() -> robot.lookup("#chat-input").queryAs(TextArea.class).setText(text));
        robot.type(KeyCode.ENTER);
    }

    static String tutorialReply(String name) throws IOException {
        try (InputStream in = RealApp.class.getResourceAsStream("/tutorial/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Waits on the FX thread's state; the limit is for a machine far busier than usual, a passing test never reaches it. */
    static void waitUntil(Callable<Boolean> condition) {
        waitUntil(60, condition);
    }

    static void waitUntil(int seconds, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
            WaitForAsyncUtils.waitForFxEvents();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met within " + seconds + " s", e);
        }
    }

    @Override
    public void close() {
        WaitForAsyncUtils.asyncFx(context::close);
        WaitForAsyncUtils.waitForFxEvents();
        services.close();
        engine.close();
    }
}
