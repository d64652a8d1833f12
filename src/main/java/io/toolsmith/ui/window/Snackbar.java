package io.toolsmith.ui.window;

import javafx.animation.PauseTransition;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.util.Duration;

/**
 * A short notice at the bottom of the window ("Deleted “Trip costs”. Undo"), hidden after a few
 * seconds. FX thread only.
 */
public final class Snackbar extends HBox {
    private final Label text = new Label();
    private final Button action = new Button();
    private final PauseTransition hide = new PauseTransition(Duration.seconds(6));

    public Snackbar() {
        super(10);
        setId("snackbar");
        getStyleClass().add("snackbar");
        action.setId("snackbar-action");
        action.getStyleClass().add("flat");
        text.setWrapText(true);
        getChildren().addAll(text, action);
        hide.setOnFinished(e -> dismiss());
        setMaxWidth(USE_PREF_SIZE);
        setMaxHeight(USE_PREF_SIZE);
        dismiss();
    }

    /** Shows {@code message}; {@code actionText}/{@code onAction} may be null for a plain notice. */
    public void show(String message, String actionText, Runnable onAction) {
        text.setText(message);
        boolean hasAction = actionText != null && onAction != null;
        action.setVisible(hasAction);
        action.setManaged(hasAction);
        if (hasAction) {
            action.setText(actionText);
            action.setOnAction(e -> {
                dismiss();
                onAction.run();
            });
        }
        setVisible(true);
        hide.playFromStart();
    }

    public void dismiss() {
        hide.stop();
        setVisible(false);
    }
}
