package io.toolsmith.ui.chat;

import io.toolsmith.conversation.ChatPreset;
import io.toolsmith.ui.common.Tooltips;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.geometry.Bounds;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;

/**
 * The compact line above the transcript: the chat's model, its preset and whether it has a system prompt of its own,
 * with Options… opening a popover to edit them. Saving hands the new {@link ChatPreset} to the chat's view model,
 * which stores it in the chat file. Bound to one {@link ChatViewModel} at a time. FX thread only.
 */
public final class ChatHeader extends HBox {
    private final Label model = new Label();
    private final Label preset = new Label();
    private final Label prompt = new Label();
    private final Button options = new Button("Options…");
    private final Popup popover = new Popup();
    private final ComboBox<String> choice = new ComboBox<>();
    private final TextField temperature = new TextField();
    private final TextField context = new TextField();
    private final TextArea systemPrompt = new TextArea();
    private final Label problem = new Label();
    private final InvalidationListener changed = obs -> showSummary();
    private ChatViewModel chat;

    public ChatHeader() {
        super(10);
        setId("chat-header");
        getStyleClass().add("chat-header");
        model.setId("chat-header-model");
        preset.setId("chat-header-preset");
        prompt.setId("chat-header-prompt");
        options.setId("chat-options-button");
        options.getStyleClass().add("flat");
        options.setOnAction(e -> openPopover());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        for (Label l : List.of(model, preset, prompt)) {
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        model.setMinWidth(0);
        getChildren().addAll(model, preset, prompt, spacer, options);
        buildPopover();
    }

    /** Shows {@code next}'s model and options; stops following the chat shown before. */
    public void bind(ChatViewModel next) {
        if (chat != null) {
            chat.modelProperty().removeListener(changed);
            chat.presetProperty().removeListener(changed);
        }
        popover.hide();
        chat = next;
        next.modelProperty().addListener(changed);
        next.presetProperty().addListener(changed);
        showSummary();
    }

    private void showSummary() {
        String name = chat.modelProperty().get();
        model.setText(name == null ? "No model" : name);
        ChatPreset now = chat.presetProperty().get();
        preset.setText(now.label());
        boolean hasPrompt = now.systemPrompt() != null;
        prompt.setText(hasPrompt ? "System prompt" : "");
        Tooltips.set(prompt, hasPrompt ? now.systemPrompt() : null);
        prompt.setVisible(hasPrompt);
        prompt.setManaged(hasPrompt);
    }

    private void buildPopover() {
        List<String> choices = new ArrayList<>();
        choices.add(ChatPresetForm.DEFAULT);
        ChatPreset.NAMED.forEach(p -> choices.add(p.name()));
        choices.add(ChatPreset.CUSTOM);
        choice.getItems().setAll(choices);
        choice.setId("preset-choice");
        temperature.setId("preset-temperature");
        temperature.setPromptText("from Settings");
        context.setId("preset-context");
        context.setPromptText("automatic");
        systemPrompt.setId("system-prompt");
        systemPrompt.setPromptText("Added after Toolsmith's own instructions, e.g. \"Answer in French.\"");
        systemPrompt.setWrapText(true);
        systemPrompt.setPrefRowCount(4);
        systemPrompt.setPrefColumnCount(36);
        choice.valueProperty().addListener((obs, old, now) -> {
            boolean custom = ChatPreset.CUSTOM.equals(now);
            temperature.setDisable(!custom);
            context.setDisable(!custom);
        });
        problem.setId("preset-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add("preset-problem");
        problem.setMaxWidth(420);
        GridPane fields = new GridPane();
        fields.setHgap(8);
        fields.setVgap(6);
        fields.addRow(0, new Label("Preset"), choice);
        fields.addRow(1, new Label("Temperature"), temperature);
        fields.addRow(2, new Label("Context (tokens)"), context);
        Button save = new Button("Save");
        save.setId("preset-save");
        save.getStyleClass().add("accent");
        save.setDefaultButton(true);
        save.setOnAction(e -> save());
        Button cancel = new Button("Cancel");
        cancel.setId("preset-cancel");
        cancel.setOnAction(e -> popover.hide());
        VBox box = new VBox(8, fields, new Label("System prompt for this chat"), systemPrompt, problem,
                new HBox(6, save, cancel));
        box.setId("chat-options-popover");
        box.getStyleClass().add("chat-options-popover");
        popover.getContent().add(box);
        popover.setAutoHide(true);
        popover.setHideOnEscape(true);
    }

    private void openPopover() {
        ChatPreset now = chat.presetProperty().get();
        choice.setValue(ChatPresetForm.choiceOf(now));
        temperature.setText(now.temperature() == null || !ChatPreset.CUSTOM.equals(choice.getValue()) ? ""
                : String.valueOf(now.temperature()));
        context.setText(now.contextSize() == null || !ChatPreset.CUSTOM.equals(choice.getValue()) ? ""
                : String.valueOf(now.contextSize()));
        systemPrompt.setText(now.systemPrompt() == null ? "" : now.systemPrompt());
        problem.setText("");
        Bounds at = options.localToScreen(options.getBoundsInLocal());
        if (at != null) {
            popover.show(options, at.getMaxX() - 440, at.getMaxY() + 4);
        }
    }

    private void save() {
        try {
            chat.setPreset(ChatPresetForm.parse(choice.getValue(), temperature.getText(), context.getText(),
                    systemPrompt.getText()));
            popover.hide();
        } catch (IllegalArgumentException e) {
            problem.setText(e.getMessage());
        }
    }

    /** The popover, for tests that look into it. */
    Popup popover() {
        return popover;
    }
}
