package io.toolsmith.ui.window;

import javafx.animation.PauseTransition;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.util.Duration;

/**
 * A short notice near the top of the window ("Deleted “Trip costs”. Undo"), hidden after {@link #SHOWN} unless the
 * pointer rests on it: an Undo must be reachable for long enough to read the notice and decide. FX thread only.
 */
public final class Snackbar extends HBox {
    private final Label text = new Label();
    private final Button action = new Button();
    /** How long a notice stays once the pointer is not on it. */
    public static final Duration SHOWN = Duration.seconds(10);
    private final PauseTransition hide = new PauseTransition(SHOWN);

    public Snackbar() {
        super(10);
        setId("snackbar");
        getStyleClass().add("snackbar");
        action.setId("snackbar-action");
        action.getStyleClass().add("flat");
        text.setWrapText(true);
        getChildren().addAll(text, action);
        hide.setOnFinished(e -> dismiss());
        // while the pointer is on the notice it is being read or about to be clicked: it stays, then starts over
        hoverProperty().addListener((obs, was, now) -> {
            if (!isVisible()) {
                return;
            }
            if (now) {
                hide.stop();
            } else {
                hide.playFromStart();
            }
        });
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
        if (isHover()) {
            hide.stop();
        } else {
            hide.playFromStart();
        }
    }

    /** Whether the notice is waiting to hide by itself (not while the pointer is on it). */
    public boolean hiding() {
        return hide.getStatus() == javafx.animation.Animation.Status.RUNNING;
    }

    public void dismiss() {
        hide.stop();
        setVisible(false);
    }
}
