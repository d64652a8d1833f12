package io.toolsmith.ui.window;

import io.toolsmith.llm.ModelChoice;
import io.toolsmith.llm.ModelInfo;
import io.toolsmith.ui.common.BackgroundExecutor;
import io.toolsmith.ui.common.Sentences;
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
 * Retry; no models: how to pull one) and the connection label. FX thread only.
 */
public final class ModelPickerViewModel {
    private final ModelCatalog catalog;
    private final BackgroundExecutor background;
    private final ObservableList<ModelInfo> models = FXCollections.observableArrayList();
    private final ObjectProperty<ModelInfo> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<ConnectionState> state = new SimpleObjectProperty<>(this, "state", ConnectionState.CHECKING);
    private final StringProperty sentence = new SimpleStringProperty(this, "sentence", "");
    private String preferred;
    private long request;

    public ModelPickerViewModel(ModelCatalog catalog, BackgroundExecutor background, String preferredModel) {
        this.catalog = catalog;
        this.background = background;
        this.preferred = preferredModel;
        selected.addListener((obs, old, now) -> {
            if (now != null) {
                preferred = now.name();
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
        state.set(ConnectionState.CHECKING);
        sentence.set("Connecting to " + catalog.host() + " …");
        background.run(catalog::models, list -> {
            if (mine == request) {
                apply(list);
            }
        }, error -> {
            if (mine == request) {
                models.clear();
                state.set(ConnectionState.UNREACHABLE);
                sentence.set(Sentences.of(error));
            }
        });
    }

    private void apply(List<ModelInfo> list) {
        models.setAll(list);
        if (list.isEmpty()) {
            state.set(ConnectionState.NO_MODELS);
            sentence.set(catalog.noModelsSentence());
            selected.set(null);
            return;
        }
        ModelChoice.Choice choice = ModelChoice.choose(preferred, list, catalog.noModelsSentence());
        selected.set(list.stream().filter(m -> m.name().equals(choice.model())).findFirst().orElse(null));
        if (selected.get() == null) {
            // Models, but none that can chat (embedding models only).
            state.set(ConnectionState.NO_MODELS);
            sentence.set(choice.reason());
            return;
        }
        state.set(ConnectionState.CONNECTED);
        sentence.set("Connected to " + catalog.host());
    }
}
