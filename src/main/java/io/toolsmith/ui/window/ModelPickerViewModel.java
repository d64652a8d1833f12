package io.toolsmith.ui.window;

import io.toolsmith.llm.ModelChoice;
import io.toolsmith.llm.ModelInfo;
import io.toolsmith.llm.ServerHealth;
import io.toolsmith.ui.chat.TurnEvent;
import io.toolsmith.ui.common.BackgroundExecutor;
import io.toolsmith.ui.common.Sentences;
import java.time.Duration;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The model list and the connection to the server. {@link #refresh} asks the catalog in the
 * background and selects what the engine's {@link ModelChoice} picks; the state enum then drives the picker, the banner (unreachable: the sentence and
 * Retry; no models: how to pull one) and the connection label. Every chat request's outcome moves the state too
 * ({@link #reportTurn}); the engine's {@link ServerHealth} decides what is true: a request that could not reach the
 * server makes it not connected, with the reason; one the server failed makes it connected but failing chat requests,
 * which no model list undoes, only a chat request that succeeds. While not connected a probe asks the server again
 * after 1, 2, 5, 10 and then every 30 seconds, on the {@link ProbeClock}, and reconnects by itself, refreshing the
 * model list. FX thread only.
 */
public final class ModelPickerViewModel {
    /** How long the probe waits after each failure in a row; the last one repeats. */
    static final List<Duration> BACK_OFF = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30));
    private final ModelCatalog catalog;
    private final ServerHealth health;
    private final BackgroundExecutor background;
    private final ProbeClock clock;
    private final ObservableList<ModelInfo> models = FXCollections.observableArrayList();
    private final ObjectProperty<ModelInfo> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<ConnectionState> state = new SimpleObjectProperty<>(this, "state", ConnectionState.CHECKING);
    private final StringProperty sentence = new SimpleStringProperty(this, "sentence", "");
    private String preferred;
    private long request;
    private int failedProbes;
    private Runnable pendingProbe;

    public ModelPickerViewModel(ModelCatalog catalog, BackgroundExecutor background, String preferredModel) {
        this(catalog, background, preferredModel, ProbeClock.system());
    }

    public ModelPickerViewModel(ModelCatalog catalog, BackgroundExecutor background, String preferredModel,
                                ProbeClock clock) {
        this.catalog = catalog;
        this.health = new ServerHealth(catalog.host());
        this.background = background;
        this.preferred = preferredModel;
        this.clock = clock;
        selected.addListener((obs, old, now) -> {
            if (now != null) {
                preferred = now.name();
            }
        });
        state.addListener((obs, old, now) -> {
            if (now == ConnectionState.UNREACHABLE) {
                scheduleProbe();
            } else {
                stopProbing();
            }
        });
    }

    public ObservableList<ModelInfo> models() {
        return models;
    }

    public ObjectProperty<ModelInfo> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
        return state;
    }

    public StringProperty sentenceProperty() {
        return sentence;
    }

    public String host() {
        return catalog.host();
    }

    /** Asks the server again (start-up and the banner's Retry). */
    public void refresh() {
        long mine = ++request;
        health.checking();
        show();
        background.run(catalog::models, list -> {
            if (mine == request) {
                apply(list);
            }
        }, error -> {
            if (mine == request) {
                models.clear();
                health.listingFailed(Sentences.of(error));
                show();
            }
        });
    }

    /**
     * A chat request's outcome: the server could not be reached or the reply broke off (not connected, with the
     * reason), the server failed it (connected, but chat requests fail, until one succeeds), or it answered (connected;
     * when it was not and no model was chosen, the model list is asked for again). The models stay listed while not
     * connected, so the chat keeps its model for when the server is back.
     */
    public void reportTurn(TurnEvent.ServerReached outcome) {
        if (!outcome.reached()) {
            request++; // a listing still under way is older news than this failure
        } else if (outcome.outcome() != ServerHealth.ChatOutcome.SERVER_FAILED
                && state.get() == ConnectionState.UNREACHABLE && selected.get() == null) {
            health.chat(outcome.outcome(), outcome.sentence());
            refresh();
            return;
        }
        health.chat(outcome.outcome(), outcome.sentence());
        show();
    }

    /** Stops the probe's clock (the window is closing). */
    public void close() {
        stopProbing();
        clock.close();
    }

    private void scheduleProbe() {
        if (pendingProbe != null) {
            return;
        }
        Duration delay = BACK_OFF.get(Math.min(failedProbes, BACK_OFF.size() - 1));
        pendingProbe = clock.schedule(delay, this::probe);
    }

    /** Runs on the clock's thread: the listing itself goes to the background executor, its outcome to the FX thread. */
    private void probe() {
        background.run(catalog::models, this::probed, this::probeFailed);
    }

    private void probed(List<ModelInfo> list) {
        pendingProbe = null;
        failedProbes = 0;
        if (state.get() == ConnectionState.UNREACHABLE) {
            request++;
            apply(list);
        }
    }

    private void probeFailed(Throwable error) {
        pendingProbe = null;
        failedProbes++;
        if (state.get() == ConnectionState.UNREACHABLE) {
            health.listingFailed(Sentences.of(error));
            show();
            scheduleProbe();
        }
    }

    private void stopProbing() {
        if (pendingProbe != null) {
            pendingProbe.run();
            pendingProbe = null;
        }
        failedProbes = 0;
    }

    private String retrying() {
        long seconds = BACK_OFF.get(Math.min(failedProbes, BACK_OFF.size() - 1)).toSeconds();
        return " Toolsmith tries again by itself (next in " + seconds + " s), or press Retry.";
    }

    private void apply(List<ModelInfo> list) {
        models.setAll(list);
        if (list.isEmpty()) {
            selected.set(null);
            health.listed(catalog.noModelsSentence());
            show();
            return;
        }
        ModelChoice.Choice choice = ModelChoice.choose(preferred, list, catalog.noModelsSentence());
        selected.set(list.stream().filter(m -> m.name().equals(choice.model())).findFirst().orElse(null));
        // No model selected: models, but none that can chat (embedding models only).
        health.listed(selected.get() == null ? choice.reason() : null);
        show();
    }

    /** Shows what the engine's health says; while not connected, also when the probe looks next. */
    private void show() {
        ConnectionState now = ConnectionState.of(health.state());
        sentence.set(health.sentence() + (now == ConnectionState.UNREACHABLE ? retrying() : ""));
        state.set(now);
    }
}
