package io.toolsmith.ui.window;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The strip under the top bar when the chat cannot work: Ollama unreachable (its sentence and
 * Retry) or no models (how to pull one). Visibility follows the connection state. FX thread only.
 */
public final class Banner extends HBox {

    public Banner(ModelPickerViewModel models, Runnable openModelSetup) {
        super(10);
        setId("banner");
        getStyleClass().add("banner");
        Label text = new Label();
        text.setId("banner-text");
        text.getStyleClass().add("banner-text");
        text.setWrapText(true);
        text.textProperty().bind(models.sentenceProperty());
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Button retry = new Button("Retry");
        retry.setId("banner-retry");
        retry.setOnAction(e -> models.refresh());
        Button download = new Button("Download a model…");
        download.setId("banner-download");
        download.setOnAction(e -> openModelSetup.run());
        var noModels = Bindings.createBooleanBinding(
                () -> models.stateProperty().get() == ConnectionState.NO_MODELS, models.stateProperty());
        download.visibleProperty().bind(noModels);
        download.managedProperty().bind(noModels);
        retry.setMinWidth(Region.USE_PREF_SIZE);
        download.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(text, download, retry);
        var problem = Bindings.createBooleanBinding(() -> switch (models.stateProperty().get()) {
            case UNREACHABLE, NO_MODELS -> true;
            default -> false;
        }, models.stateProperty());
        visibleProperty().bind(problem);
        managedProperty().bind(problem);
    }
}
