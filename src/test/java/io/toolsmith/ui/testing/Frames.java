package io.toolsmith.ui.testing;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Window;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Waits for the window to lay out what a test has just changed: until a number of frames (pulses) have ended
 * with their layout pass, each frame asked for at once. The chat list lays out on a frame and may scroll after
 * it, which the next frame shows, so two frames after a change are enough. TestFX's waitForFxEvents waits about
 * as long as three frames by sleeping, and the tests that scroll step by step waited seconds that way.
 */
public final class Frames {
    /** After a change of a view's rows or size: its layout and what the list does after it. */
    public static final int SETTLED = 2;

    private Frames() {
    }

    /** Returns once {@code count} frames of {@code node}'s scene have been laid out. */
    public static void after(Node node, int count) throws Exception {
        after(node::getScene, count);
    }

    public static void settled(Node node) throws Exception {
        after(node, SETTLED);
    }

    /** Returns once {@code count} frames have been laid out, or at once when no window is showing. */
    public static void afterAnyWindow(int count) throws Exception {
        after(() -> Window.getWindows().stream().filter(Window::isShowing).map(Window::getScene)
                .filter(Objects::nonNull).findFirst().orElse(null), count);
    }

    /** {@code sceneOnFx} is read on the FX thread; no scene, no wait. */
    private static void after(Supplier<Scene> sceneOnFx, int count) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        WaitForAsyncUtils.asyncFx(() -> {
            Scene scene = sceneOnFx.get();
            if (scene == null) {
                done.complete(null);
                return;
            }
            int[] left = {count};
            Runnable[] listener = new Runnable[1];
            listener[0] = () -> {
                left[0]--;
                if (left[0] == 0) {
                    // not removed from within the pulse that is going through the listeners
                    Platform.runLater(() -> scene.removePostLayoutPulseListener(listener[0]));
                    done.complete(null);
                } else if (left[0] > 0) {
                    Platform.requestNextPulse();
                }
            };
            scene.addPostLayoutPulseListener(listener[0]);
            Platform.requestNextPulse();
        }).get(20, TimeUnit.SECONDS);
        done.get(20, TimeUnit.SECONDS);
    }
}
