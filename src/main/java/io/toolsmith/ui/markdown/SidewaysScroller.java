package io.toolsmith.ui.markdown;

import javafx.geometry.Orientation;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;

/**
 * Shows a wide block (a table) at the row's width when it fits, and otherwise at its minimum
 * width with a horizontal scroll bar under it. It never scrolls vertically: its height is the
 * content's height at the width it is laid out with, so the chat row can measure it exactly
 * (a {@code ScrollPane} would need its viewport height guessed). FX thread only.
 */
final class SidewaysScroller extends Region {
    private final Region content;
    private final ScrollBar bar = new ScrollBar();
    private final Rectangle clip = new Rectangle();

    SidewaysScroller(Region content) {
        this.content = content;
        getStyleClass().add("sideways-scroller");
        bar.setOrientation(Orientation.HORIZONTAL);
        bar.valueProperty().addListener(obs -> requestLayout());
        getChildren().addAll(content, bar);
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        addEventFilter(ScrollEvent.SCROLL, e -> {
            double dx = e.getDeltaX() != 0 ? e.getDeltaX() : e.isShiftDown() ? e.getDeltaY() : 0;
            if (bar.isVisible() && dx != 0) {
                bar.setValue(Math.max(bar.getMin(), Math.min(bar.getMax(), bar.getValue() - dx)));
                e.consume();
            }
        });
    }

    ScrollBar bar() {
        return bar;
    }

    /** The narrowest the content can be laid out (its longest words); wider than this box, it scrolls. */
    double minWidthOfContent() {
        return content.minWidth(-1);
    }

    /** The width the content is laid out at within {@code width}: its preference, but never below its minimum. */
    private double contentWidth(double width) {
        double pref = content.prefWidth(-1);
        double min = content.minWidth(-1);
        return width < 0 ? pref : Math.max(min, Math.min(pref, width));
    }

    /**
     * Its height depends on its width (the cells wrap): without saying so, a VBox asks for its
     * height at no width, gets the height of one-line cells, and the clip cuts the wrapped rows.
     */
    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computePrefWidth(double height) {
        return content.prefWidth(-1);
    }

    @Override
    protected double computeMinWidth(double height) {
        return 0;
    }

    @Override
    protected double computePrefHeight(double width) {
        double w = contentWidth(width);
        double h = content.prefHeight(w);
        return width >= 0 && w > width + 0.5 ? h + bar.prefHeight(-1) : h;
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth();
        double w = contentWidth(width);
        boolean scrolls = w > width + 0.5;
        bar.setVisible(scrolls);
        double barHeight = scrolls ? bar.prefHeight(-1) : 0;
        if (scrolls) {
            bar.setMin(0);
            bar.setMax(w - width);
            bar.setVisibleAmount((w - width) * width / w);
            bar.setValue(Math.min(bar.getValue(), w - width));
        } else {
            bar.setValue(0);
        }
        content.resizeRelocate(-bar.getValue(), 0, w, content.prefHeight(w));
        bar.resizeRelocate(0, getHeight() - barHeight, width, barHeight);
    }
}
