package io.toolsmith.ui.window;

import io.toolsmith.llm.ModelInfo;
import io.toolsmith.ui.common.Badge;
import io.toolsmith.ui.common.Tooltips;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Model picker with capability badges, connection state, theme and settings buttons. FX thread only. */
public final class TopBar extends HBox {

    private final Button theme = new Button("Light/Dark");

    public TopBar(ModelPickerViewModel models, Runnable onSettings, Runnable onToggleTheme) {
        super(8);
        getStyleClass().add("top-bar");
        ComboBox<ModelInfo> picker = new ComboBox<>(models.models());
        picker.setId("model-picker");
        picker.setPromptText("No model");
        picker.setCellFactory(lv -> new ModelCell());
        picker.setButtonCell(new ModelCell());
        picker.valueProperty().bindBidirectional(models.selectedProperty());
        picker.disableProperty().bind(Bindings.isEmpty(models.models()));
        Label connection = new Label();
        connection.setId("connection-state");
        connection.textProperty().bind(Bindings.createStringBinding(() -> switch (models.stateProperty().get()) {
            case CHECKING -> "Connecting…";
            case CONNECTED -> "Connected";
            case CHAT_FAILING -> "Connected, chat failing";
            case UNREACHABLE -> "Not connected";
            case NO_MODELS -> "No models";
        }, models.stateProperty()));
        // Why it is not connected, and that it tries again by itself: the banner says it too, the label keeps it at hand.
        Tooltips.set(connection, models.sentenceProperty().get());
        models.sentenceProperty().addListener((obs, old, now) -> Tooltips.set(connection, now));
        connection.getStyleClass().add("connection-state");
        models.stateProperty().addListener((obs, old, now) -> {
            connection.getStyleClass().removeAll("not-connected", "chat-failing");
            if (now == ConnectionState.UNREACHABLE) {
                connection.getStyleClass().add("not-connected");
            } else if (now == ConnectionState.CHAT_FAILING) {
                connection.getStyleClass().add("chat-failing");
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        theme.setId("theme-toggle");
        theme.getStyleClass().add("flat");
        theme.setOnAction(e -> onToggleTheme.run());
        Button settings = new Button("Settings");
        settings.setId("settings-button");
        settings.getStyleClass().add("flat");
        settings.setOnAction(e -> onSettings.run());
        getChildren().addAll(new Label("Model"), picker, connection, spacer, theme, settings);
    }

    /** Adds a button of the window's (such as the side panel's toggle) before the theme button. */
    public void addTool(javafx.scene.Node tool) {
        getChildren().add(getChildren().indexOf(theme), tool);
    }

    /** A model's name and its capability badges. */
    static final class ModelCell extends ListCell<ModelInfo> {
        /** The capabilities worth a badge; completion, embedding and insert are not shown. */
        private static final List<String> BADGES = List.of("vision", "tools", "thinking");

        @Override
        protected void updateItem(ModelInfo item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            HBox row = new HBox(4, new Label(item.name()));
            for (String capability : BADGES) {
                if (item.has(capability)) {
                    Badge badge = new Badge(capability, "accent");
                    badge.getStyleClass().add("capability-" + capability);
                    row.getChildren().add(badge);
                }
            }
            setText(null);
            setGraphic(row);
        }
    }
}
