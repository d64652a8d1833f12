package io.toolsmith.ui.window;

import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * What an empty chat shows: what Toolsmith does, in three sentences, and example requests as chips that fill the
 * composer (they are not sent, so they can be changed first). FX thread only.
 */
final class EmptyChatGuide extends VBox {
    static final List<String> EXAMPLES = List.of(
            "Keep track of my expenses: let me record each one and list them by category.",
            "Convert temperatures between Celsius and Fahrenheit.",
            "Keep a reading list: add books and mark the ones I have finished.");

    EmptyChatGuide(Consumer<String> fillComposer) {
        super(12);
        setId("empty-chat-guide");
        getStyleClass().add("empty-chat-guide");
        setAlignment(Pos.CENTER);
        setMaxWidth(560);
        setMinWidth(0);
        Label title = new Label("Ask for what you need");
        title.getStyleClass().add("title-3");
        Label about = new Label("When a task needs code, the model writes a small Python function. You read and "
                + "approve it in Functions; approved functions run in a sandbox and keep their data in files you can "
                + "look at in Data, and every call can be undone.");
        about.setWrapText(true);
        about.getStyleClass().add("text-muted");
        VBox chips = new VBox(8);
        chips.setAlignment(Pos.CENTER);
        for (int i = 0; i < EXAMPLES.size(); i++) {
            String example = EXAMPLES.get(i);
            Button chip = new Button(example);
            chip.setId("example-prompt-" + i);
            chip.getStyleClass().addAll("example-chip", "button-outlined", "rounded");
            chip.setWrapText(true);
            chip.setMaxWidth(520);
            chip.setMinWidth(0);
            chip.setOnAction(e -> fillComposer.accept(example));
            chips.getChildren().add(chip);
        }
        Label hint = new Label("Or type your own below. Ctrl+Enter sends.");
        hint.getStyleClass().add("text-muted");
        getChildren().addAll(title, about, chips, hint);
    }
}
