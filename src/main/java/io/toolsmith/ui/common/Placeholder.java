package io.toolsmith.ui.common;

import javafx.scene.control.Label;

/** What an empty list says instead of showing nothing: what will appear there, and how. FX thread only. */
public final class Placeholder {
    private Placeholder() {
    }

    public static Label of(String sentence) {
        Label label = new Label(sentence);
        label.setWrapText(true);
        label.setMaxWidth(320);
        label.getStyleClass().add("placeholder-text");
        return label;
    }
}
