package io.toolsmith.ui.common;

import javafx.scene.control.Label;

/** A small rounded label ("vision", "pending", "3"); colour comes from a style class in app.css. */
public final class Badge extends Label {

    public Badge(String text, String tone) {
        super(text);
        getStyleClass().addAll("badge", "badge-" + tone);
    }

    /** Replaces the tone class, keeping the others. Called on the FX thread. */
    public void setTone(String tone) {
        getStyleClass().removeIf(c -> c.startsWith("badge-"));
        getStyleClass().add("badge-" + tone);
    }
}
