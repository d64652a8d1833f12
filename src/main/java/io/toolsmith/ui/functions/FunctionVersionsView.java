package io.toolsmith.ui.functions;

import io.toolsmith.functions.FunctionVersion;
import io.toolsmith.ui.code.CodeBlockView;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * The selected function's versions: a short list, the chosen version's diff against the function now, and Roll
 * back with an inline confirmation (a rollback may stop the function until it is approved again). FX thread only.
 */
final class FunctionVersionsView extends VBox {

    FunctionVersionsView(FunctionVersionsModel model, Executor highlightPool) {
        super(4);
        setId("function-versions");
        Label title = new Label("Versions");
        title.getStyleClass().add("detail-section-title");

        ListView<FunctionVersion> list = new ListView<>(model.versions());
        list.setId("version-list");
        list.setPrefHeight(112);
        list.setMinHeight(112);
        list.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(FunctionVersion item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : FunctionVersionsModel.row(item));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.chosenProperty().set(now);
            }
        });
        model.chosenProperty().addListener((obs, old, now) -> {
            if (now == null) {
                list.getSelectionModel().clearSelection();
            } else if (list.getSelectionModel().getSelectedItem() != now) {
                list.getSelectionModel().select(now);
            }
        });

        Label diffTitle = new Label();
        diffTitle.setWrapText(true);
        diffTitle.textProperty().bind(Bindings.createStringBinding(() -> {
            FunctionVersion v = model.chosenProperty().get();
            if (v == null) {
                return "Only one version is stored.";
            }
            return v.current() ? "Version " + v.number() + " is the current one."
                    : model.diffProperty().get().isEmpty() ? "Version " + v.number() + " is the same as now."
                    : "What changed from version " + v.number() + " to now:";
        }, model.chosenProperty(), model.diffProperty()));
        CodeBlockView diff = CodeBlockView.selectable("diff", "", highlightPool);
        diff.setId("version-diff");
        model.diffProperty().addListener((obs, old, now) -> diff.setCode("diff", now));
        diff.visibleProperty().bind(model.diffProperty().isNotEmpty());
        diff.managedProperty().bind(diff.visibleProperty());

        Button rollback = new Button("Roll back to this version");
        rollback.setId("rollback-button");
        rollback.disableProperty().bind(Bindings.createBooleanBinding(
                () -> model.chosenProperty().get() == null || model.chosenProperty().get().current(),
                model.chosenProperty()));
        rollback.setOnAction(e -> model.askToRollBack());

        Label question = new Label();
        question.setWrapText(true);
        question.textProperty().bind(Bindings.createStringBinding(() -> {
            FunctionVersion v = model.chosenProperty().get();
            return v == null ? "" : "Make version " + v.number() + " current again? Its code replaces the module's "
                    + "code; it runs without a new approval only if it is exactly the version you approved.";
        }, model.chosenProperty()));
        Button confirm = new Button("Roll back");
        confirm.setId("confirm-rollback-button");
        confirm.getStyleClass().add("danger");
        confirm.setOnAction(e -> model.confirmRollBack());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-rollback-button");
        cancel.setOnAction(e -> model.cancelRollBack());
        VBox confirmation = new VBox(4, question, new FlowPane(6, 6, confirm, cancel));
        confirmation.setId("rollback-confirmation");
        confirmation.visibleProperty().bind(model.confirmingProperty());
        confirmation.managedProperty().bind(model.confirmingProperty());
        rollback.visibleProperty().bind(model.confirmingProperty().not());
        rollback.managedProperty().bind(rollback.visibleProperty());

        getChildren().addAll(title, list, diffTitle, rollback, confirmation, diff);
    }
}
