package io.toolsmith.ui.testing;

import com.sun.javafx.stage.WindowHelper;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.stage.Window;

/**
 * On the headless platform a window that closes stays focused: nothing takes its focus away, as a desktop's window
 * manager does. Its focused text field or code area then blinks its caret for the rest of the test JVM, and that
 * animation makes every frame run even while no window is showing (in a test JVM that closed one such window and then
 * sat idle, about twice the processor time of one that had not). Here a window that closes loses its focus as it would
 * on a desktop; the field stays its scene's focus owner, so the window shown again has it focused again.
 */
public final class ClosedWindowsLoseFocus {
    private static boolean installed;

    private ClosedWindowsLoseFocus() {
    }

    /** Once per JVM, after the toolkit has started; from any thread. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        Platform.runLater(() -> Window.getWindows().addListener((ListChangeListener<Window>) change -> {
            while (change.next()) {
                for (Window closed : change.getRemoved()) {
                    if (closed.isFocused()) {
                        WindowHelper.setFocused(closed, false);
                    }
                }
            }
        }));
    }
}
