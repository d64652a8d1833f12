package io.toolsmith.ui.markdown;

import javafx.scene.Node;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * A table cell's text. It wraps between words but is never narrower than its longest word or
 * number, so a narrow table never breaks "1234.56" over lines; the table scrolls sideways
 * instead ({@link SidewaysScroller}). FX thread only.
 */
final class TableCellFlow extends TextFlow {
    private final Text probe = new Text();

    TableCellFlow() {
        getStyleClass().add("md-table-cell");
    }

    @Override
    protected double computeMinWidth(double height) {
        double widest = 0;
        for (Node child : getChildren()) {
            if (child instanceof Text text) {
                probe.setFont(text.getFont());
                for (String word : text.getText().split("\\s+")) {
                    probe.setText(word);
                    widest = Math.max(widest, probe.getLayoutBounds().getWidth());
                }
            } else {
                widest = Math.max(widest, child.minWidth(-1));
            }
        }
        return snappedLeftInset() + Math.ceil(widest) + 1 + snappedRightInset();
    }
}
