package io.toolsmith.ui;

import static io.toolsmith.ui.testing.Input.click;

import io.toolsmith.app.Engine;
import io.toolsmith.settings.Home;
import io.toolsmith.ui.chat.ChatState;
import io.toolsmith.ui.chat.ChatViewModel;
import io.toolsmith.ui.chat.MessageViewModel;
import io.toolsmith.ui.engine.EngineServices;
import io.toolsmith.ui.testing.Input;
import io.toolsmith.ui.window.ConnectionState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.NodeQueryUtils;
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
    /** A window of the app's own, not TestFX's shared stage, so no test inherits the size another left it at. */
    Stage stage;

    RealApp(Path home, String host) {
        this(home, host, io.toolsmith.ui.window.ProbeClock.system());
    }

    /** With the connection probe's clock in the test's hands. */
    RealApp(Path home, String host, io.toolsmith.ui.window.ProbeClock probeClock) {
        engine = Engine.open(new Home(home), host);
        services = new EngineServices(engine, openedLinks::add);
        context = ToolsmithWindow.open(engine, services, probeClock);
    }

    /**
     * Opens and shows the app from a test thread, for a class whose tests share one window (built once, since a
     * window and its engine cost more than most tests do with them). Such a class does not use
     * {@link io.toolsmith.ui.testing.WindowTestExtension}, which hides every window after each test; it resets what
     * its tests change before each one instead.
     */
    static RealApp openShared(Path home, String host) throws Exception {
        FxToolkit.registerPrimaryStage();
        io.toolsmith.ui.testing.ClosedWindowsLoseFocus.install();
        return WaitForAsyncUtils.asyncFx(() -> new RealApp(home, host).show()).get(120, TimeUnit.SECONDS);
    }

    /** Shows the window at 1280×800 in a stage of its own; called on the FX thread. */
    RealApp show() {
        return show(new Stage(StageStyle.UNDECORATED));
    }

    /** Shows the window at 1280×800 in {@code own}, a stage the test made for it (never TestFX's shared one). */
    RealApp show(Stage own) {
        stage = own;
        scene = context.show(stage, 1280, 800);
        return this;
    }

    /**
     * Waits until the chat is open and the model server has answered: a message typed before that can reach the
     * window while it still has no model to send it to.
     */
    void waitUntilConnected() {
        waitUntil(() -> chat() != null
                && context.models().stateProperty().get() == ConnectionState.CONNECTED);
    }

    /**
     * Opens a new chat, for a test of a class that shares one window, and waits until it is shown idle and empty. A
     * chat with no messages is kept as the new one, so what an earlier test attached to the shown chat and never sent
     * is taken off first, as the user would with the chips' buttons.
     */
    void openEmptyChat(FxRobot robot) {
        robot.interact(() -> {
            ChatViewModel shown = chat();
            if (shown != null) {
                shown.files().clear();
                shown.attachments().clear();
            }
            context.conversations().newChat(); // the new chat may open later
        });
        waitUntil(120, () -> chat() != null && chat().messages().isEmpty() && chat().state() == ChatState.IDLE
                && chat().files().isEmpty() && chat().attachments().isEmpty());
    }

    ChatViewModel chat() {
        return context.window().chatView().chat();
    }

    MessageViewModel last() {
        var messages = chat().messages();
        return messages.get(messages.size() - 1);
    }

    /**
     * Puts the text in the input (robot typing is slow under Monocle) and presses Enter for real, once the input has
     * the focus: a key goes to the focused window, and a window just shown on a busy machine can get its focus after
     * the click that gives it.
     */
    static void typeAndPressEnter(FxRobot robot, String text) {
        TextArea input = robot.lookup("#chat-input").match(NodeQueryUtils.isVisible()).queryAs(TextArea.class);
        Point2D clicked = click(robot, input);
        waitUntil(30, input::isFocused, () -> "the input is not focused; the focus is on "
                + input.getScene().getFocusOwner() + ", its window " + (input.getScene().getWindow().isFocused()
                ? "has" : "does not have") + " the focus; clicked at " + clicked + ", the input is at "
                + input.localToScreen(input.getLayoutBounds()) + ", the windows are " + Window.getWindows().stream()
                .map(w -> w.getClass().getSimpleName() + (w.isShowing() ? " showing" : "") + " at " + w.getX() + ","
                        + w.getY() + " " + w.getWidth() + "x" + w.getHeight()).toList());
        onFx(() -> input.setText(text));
        Input.type(robot, KeyCode.ENTER);
    }

    static String tutorialReply(String name) throws IOException {
        try (InputStream in = RealApp.class.getResourceAsStream("/tutorial/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Waits until the window shows {@code condition}; see {@link #waitUntil(int, Callable)}. */
    static void waitUntil(Callable<Boolean> condition) {
        waitUntil(30, condition);
    }

    /**
     * Waits until {@code condition}, read on the FX thread, holds. It is read now, when a window opens or closes, and
     * after the layout of every pulse until it holds (an unmet read asks for the next frame), so it follows what the
     * window shows frame by frame; no thread sleeps. A condition that throws (a node not there yet) counts as not met,
     * and a wait that fails gives the last read's exception as its cause. The bound is for a failing test only.
     */
    static void waitUntil(int seconds, Callable<Boolean> condition) {
        waitUntil(seconds, condition, () -> "");
    }

    /**
     * Waits as {@link #waitUntil(int, Callable)} does; a wait that fails says what {@code shown} reads on the FX thread
     * then (what the window showed instead), so a failure on a busy machine can be understood from its report.
     */
    static void waitUntil(int seconds, Callable<Boolean> condition, Callable<String> shown) {
        CompletableFuture<Void> met = new CompletableFuture<>();
        AtomicReference<Exception> lastFailure = new AtomicReference<>();
        Runnable check = () -> {
            if (met.isDone()) {
                return;
            }
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    met.complete(null);
                    return;
                }
                // the failure reported is the last read's: an exception from an earlier read would misname the cause
                lastFailure.set(null);
            } catch (Exception e) {
                lastFailure.set(e);
            }
            // Read again at the next frame: a change the condition sees can land after this pulse's layout without
            // asking for another (a button enabled by a property set in the same pulse), and the wait would miss it.
            Platform.requestNextPulse();
        };
        Set<Scene> watched = new HashSet<>();
        Runnable watchAll = () -> {
            for (Window window : Window.getWindows()) {
                Scene scene = window.getScene();
                if (scene != null && watched.add(scene)) {
                    scene.addPostLayoutPulseListener(check);
                }
            }
        };
        ListChangeListener<Window> windowsChanged = change -> {
            watchAll.run();
            check.run();
        };
        WaitForAsyncUtils.asyncFx(() -> {
            watchAll.run();
            Window.getWindows().addListener(windowsChanged);
            check.run();
        });
        try {
            met.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("condition not met within " + seconds + " s" + describe(shown), lastFailure.get());
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        } finally {
            // One trip through the FX thread's queue: what the window had queued by the time the condition held has
            // run when the test goes on. (TestFX's waitForFxEvents makes five such trips, each with a 10 ms sleep:
            // after every wait of every window test, that was seconds of idle time per class.)
            onFx(() -> {
                Window.getWindows().removeListener(windowsChanged);
                watched.forEach(scene -> scene.removePostLayoutPulseListener(check));
            });
        }
    }

    /** Runs {@code action} on the FX thread and returns once it has run, with what it threw. */
    static void onFx(Runnable action) {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, WaitForAsyncUtils.asyncFx(action));
        } catch (TimeoutException e) {
            throw new AssertionError("the FX thread did not run a task within 30 s", e);
        }
    }

    private static String describe(Callable<String> shown) {
        try {
            String said = WaitForAsyncUtils.asyncFx(shown).get(10, TimeUnit.SECONDS);
            return said == null || said.isEmpty() ? "" : "; the window showed: " + said;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (ExecutionException | TimeoutException e) {
            return "; what the window showed could not be read: " + e;
        }
    }

    @Override
    public void close() {
        onFx(() -> {
            context.close();
            if (stage != null) {
                stage.close();
            }
        });
        services.close();
        engine.close();
    }
}
