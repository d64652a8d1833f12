package io.toolsmith.ui.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.Start;

/**
 * What TestFX's {@code ApplicationExtension} does for a window test, without its waits: before each test the
 * test's {@link Start} methods run on the FX thread with the toolkit's primary stage; after it, the robot lets go of
 * any key or button it still holds and every window is hidden; test methods get an {@link FxRobot}. Each step is one
 * trip through the FX thread. TestFX's extension also waits for the FX thread's queue after each of its seven steps,
 * five times with a 10 ms sleep: about a quarter of a second per test in which the test JVM did nothing.
 */
public final class WindowTestExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WindowTestExtension.class);
    /** A window's first layout and what it does after it (a list scrolls to its end, say). */
    private static final int FIRST_FRAMES = 2;
    private static final long SETUP_TIMEOUT_MILLIS = Long.getLong("testfx.setup.timeout", 30_000);

    private static Stage primaryStage;

    /** The toolkit's primary stage: started and registered by TestFX once per JVM. */
    private static synchronized Stage primaryStage() throws TimeoutException {
        if (primaryStage == null) {
            primaryStage = FxToolkit.registerPrimaryStage();
            ClosedWindowsLoseFocus.install();
        }
        return primaryStage;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Stage primary = primaryStage();
        Object test = context.getRequiredTestInstance();
        List<Method> starts = new ArrayList<>();
        for (Method method : test.getClass().getDeclaredMethods()) {
            if (method.isAnnotationPresent(Start.class)) {
                method.setAccessible(true);
                starts.add(method);
            }
        }
        onFx(() -> {
            for (Method start : starts) {
                start.invoke(test, primary);
            }
        });
        Frames.afterAnyWindow(FIRST_FRAMES);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        FxRobot robot = context.getStore(NAMESPACE).get(FxRobot.class, FxRobot.class);
        if (robot != null) {
            Input.releaseHeld(robot);
        }
        onFx(() -> new ArrayList<>(Window.getWindows()).forEach(Window::hide));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FxRobot.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(FxRobot.class, type -> new FxRobot(), FxRobot.class);
    }

    private interface FxWork {
        void run() throws Exception;
    }

    /**
     * Runs {@code work} on the FX thread and returns once it has, throwing what it threw (not through TestFX's
     * asyncFx, which also keeps the failure to throw it again in a later test's wait).
     */
    private static void onFx(FxWork work) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                work.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        try {
            done.get(SETUP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof InvocationTargetException target ? target.getCause() : e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new AssertionError(cause);
        } catch (TimeoutException e) {
            throw new AssertionError("the FX thread did not run the window's set-up within "
                    + SETUP_TIMEOUT_MILLIS / 1000 + " s", e);
        }
    }
}
