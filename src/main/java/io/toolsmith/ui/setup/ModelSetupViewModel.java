package io.toolsmith.ui.setup;

import io.toolsmith.llm.PullProgress;
import io.toolsmith.ui.common.BackgroundExecutor;
import io.toolsmith.ui.common.Sentences;
import io.toolsmith.ui.common.UiExecutor;
import io.toolsmith.util.Cancellation;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Downloading a first model: which one, the progress (bytes, percent, speed), Cancel, and the outcome as a
 * sentence. Progress lines arrive on the download thread; only the latest is handed to the FX thread, so a
 * fast server does not flood it. FX thread only, except {@link #onProgress}.
 */
public final class ModelSetupViewModel {

    /** Where the download stands. */
    public enum State { CHOOSING, DOWNLOADING, DONE, CANCELLED, FAILED }

    private final ModelDownloads downloads;
    private final BackgroundExecutor background;
    private final UiExecutor ui;
    private final Runnable onInstalled;
    private final StringProperty model = new SimpleStringProperty(this, "model",
            SuggestedModel.FOR_FUNCTION_CALLING.get(0).name());
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(this, "state", State.CHOOSING);
    private final DoubleProperty fraction = new SimpleDoubleProperty(this, "fraction", 0);
    private final StringProperty progressText = new SimpleStringProperty(this, "progressText", "");
    private final StringProperty sentence = new SimpleStringProperty(this, "sentence", "");
    private final AtomicReference<PullProgress> latest = new AtomicReference<>();
    private Cancellation running;
    private long startNanos;
    private long firstBytes = -1;

    public ModelSetupViewModel(ModelDownloads downloads, BackgroundExecutor background, UiExecutor ui,
                               Runnable onInstalled) {
        this.downloads = downloads;
        this.background = background;
        this.ui = ui;
        this.onInstalled = onInstalled;
    }

    public StringProperty modelProperty() {
        return model;
    }

    public ObjectProperty<State> stateProperty() {
        return state;
    }

    /** 0…1, or -1 while the size is not known yet (an indeterminate bar). */
    public DoubleProperty fractionProperty() {
        return fraction;
    }

    public StringProperty progressTextProperty() {
        return progressText;
    }

    public StringProperty sentenceProperty() {
        return sentence;
    }

    /** Starts downloading the chosen model; ignored while one downloads. */
    public void download() {
        String name = model.get() == null ? "" : model.get().strip();
        if (state.get() == State.DOWNLOADING) {
            return;
        }
        if (name.isEmpty()) {
            sentence.set("Choose a model or type its name, for example gemma3:12b.");
            return;
        }
        Cancellation cancel = new Cancellation();
        running = cancel;
        startNanos = System.nanoTime();
        firstBytes = -1;
        state.set(State.DOWNLOADING);
        fraction.set(-1);
        progressText.set("Asking the server for " + name + " …");
        sentence.set("");
        background.run(() -> {
            downloads.pull(name, this::onProgress, cancel);
            return name;
        }, done -> {
            if (running != cancel) {
                return;
            }
            running = null;
            state.set(State.DONE);
            fraction.set(1);
            sentence.set(name + " is ready. Choose it in the model picker and start chatting.");
            onInstalled.run();
        }, error -> {
            if (running != cancel) {
                return;
            }
            running = null;
            if (cancel.isCancelled()) {
                state.set(State.CANCELLED);
                sentence.set("The download was stopped. What arrived is kept: downloading " + name
                        + " again continues where it stopped.");
            } else {
                state.set(State.FAILED);
                sentence.set(Sentences.of(error));
            }
        });
    }

    /** Stops the download (what arrived is kept by the server). */
    public void cancel() {
        Cancellation c = running;
        if (c != null) {
            c.cancel();
        }
    }

    /** Called on the download thread for every progress line. */
    void onProgress(PullProgress progress) {
        if (latest.getAndSet(progress) == null) {
            ui.execute(this::showLatest);
        }
    }

    private void showLatest() {
        PullProgress p = latest.getAndSet(null);
        if (p == null || state.get() != State.DOWNLOADING) {
            return;
        }
        if (p.total() <= 0) {
            fraction.set(-1);
            progressText.set(p.status());
            return;
        }
        if (firstBytes < 0) {
            firstBytes = p.completed();
            startNanos = System.nanoTime();
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double speed = seconds > 0.2 ? (p.completed() - firstBytes) / seconds : 0;
        fraction.set(Math.min(1, (double) p.completed() / p.total()));
        progressText.set(describe(p.completed(), p.total(), speed));
    }

    /** "1.2 GB of 8.1 GB · 15% · 45.3 MB/s". */
    static String describe(long completed, long total, double bytesPerSecond) {
        String text = bytes(completed) + " of " + bytes(total) + " · "
                + String.format(Locale.ROOT, "%d%%", Math.round(100.0 * completed / total));
        return bytesPerSecond > 0 ? text + " · " + bytes((long) bytesPerSecond) + "/s" : text;
    }

    static String bytes(long n) {
        if (n >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f GB", n / 1e9);
        }
        if (n >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
        }
        if (n >= 1_000L) {
            return String.format(Locale.ROOT, "%.0f kB", n / 1e3);
        }
        return n + " B";
    }
}
