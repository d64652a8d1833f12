package io.toolsmith.ui.common;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * The one way callbacks reach the FX thread. Production code uses {@link #fx()}; plain view-model
 * tests use {@link #sameThread()} so they need no toolkit.
 */
@FunctionalInterface
public interface UiExecutor extends Executor {

    /** Runs on the FX thread: at once when already there, else via {@code Platform.runLater}. */
    static UiExecutor fx() {
        return task -> {
            if (Platform.isFxApplicationThread()) {
                task.run();
            } else {
                Platform.runLater(task);
            }
        };
    }

    /** Runs the task on the calling thread (tests without a toolkit). */
    static UiExecutor sameThread() {
        return Runnable::run;
    }

    /** Always queues, even on the FX thread; used by the coalescer so one drain serves many posts. */
    static UiExecutor fxLater() {
        return Platform::runLater;
    }
}
