package io.toolsmith.ui.common;

import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.scene.control.Button;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.util.Duration;

/**
 * A small "Copy" button: labels and text flows cannot be selected, so every message and code
 * block offers one. Shows "Copied" for a moment after a click.
 */
public final class CopyButton extends Button {

    public CopyButton(Supplier<String> text) {
        super("Copy");
        getStyleClass().addAll("copy-button", "flat", "small");
        Tooltips.set(this, "Copy to the clipboard");
        setFocusTraversable(false);
        setOnAction(e -> {
            copy(text.get());
            setText("Copied");
            PauseTransition reset = new PauseTransition(Duration.seconds(1.2));
            reset.setOnFinished(done -> setText("Copy"));
            reset.play();
        });
    }

    /** Called on the FX thread. */
    public static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text == null ? "" : text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
