package io.toolsmith.ui.setup;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * The first-run dialog: suggested models for function calling (or any name), a download with a progress
 * bar (bytes, percent, speed) and Cancel. Closing it while downloading stops the download. FX thread only.
 */
public final class ModelSetupDialog extends Dialog<Void> {

    public ModelSetupDialog(Window owner, ModelSetupViewModel model) {
        initOwner(owner);
        initModality(Modality.WINDOW_MODAL);
        setTitle("Download a model");
        setHeaderText("Toolsmith needs a model that can write and call functions.");
        getDialogPane().setId("model-setup");

        ListView<SuggestedModel> suggestions = new ListView<>();
        suggestions.setId("suggested-models");
        suggestions.getItems().setAll(SuggestedModel.FOR_FUNCTION_CALLING);
        suggestions.setPrefHeight(216);
        suggestions.setCellFactory(list -> new ListCell<>() {
            private final Label title = new Label();
            private final Label note = new Label();
            private final VBox box = new VBox(2, title, note);

            {
                title.setStyle("-fx-font-weight: bold;");
                note.setWrapText(true);
                box.setPadding(new javafx.geometry.Insets(4, 0, 4, 0));
                setPrefWidth(0); // follow the list's width instead of scrolling sideways
            }

            @Override
            protected void updateItem(SuggestedModel item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    return;
                }
                title.setText(item.name() + "  ·  " + item.size());
                note.setText(item.note());
                setGraphic(box);
            }
        });
        TextField name = new TextField();
        name.setId("setup-model-name");
        name.setPromptText("or type a model name, e.g. llama3.1:8b");
        name.textProperty().bindBidirectional(model.modelProperty());
        suggestions.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.modelProperty().set(now.name());
            }
        });
        suggestions.getSelectionModel().select(0);

        ProgressBar bar = new ProgressBar(0);
        bar.setId("setup-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.fractionProperty());
        Label progress = new Label();
        progress.setId("setup-progress-text");
        progress.textProperty().bind(model.progressTextProperty());
        Label sentence = new Label();
        sentence.setId("setup-sentence");
        sentence.setWrapText(true);
        sentence.textProperty().bind(model.sentenceProperty());

        var downloading = Bindings.createBooleanBinding(
                () -> model.stateProperty().get() == ModelSetupViewModel.State.DOWNLOADING, model.stateProperty());
        Button download = new Button("Download");
        download.setId("setup-download");
        download.setDefaultButton(true);
        download.disableProperty().bind(downloading);
        download.setOnAction(e -> model.download());
        Button cancel = new Button("Cancel download");
        cancel.setId("setup-cancel");
        cancel.visibleProperty().bind(downloading);
        cancel.setOnAction(e -> model.cancel());
        HBox buttons = new HBox(8, download, cancel);
        HBox.setHgrow(bar, Priority.ALWAYS);
        bar.visibleProperty().bind(downloading.or(Bindings.createBooleanBinding(
                () -> model.stateProperty().get() == ModelSetupViewModel.State.DONE, model.stateProperty())));

        VBox content = new VBox(10, suggestions, name, buttons, bar, progress, sentence);
        content.setPrefWidth(600);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        setOnHidden(e -> model.cancel());
    }
}
