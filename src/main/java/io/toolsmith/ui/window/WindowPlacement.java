package io.toolsmith.ui.window;

import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Puts a stage where a {@link WindowLayout} says, and keeps its last bounds while not maximised (a maximised
 * window's own bounds are the screen's, which are not what to restore to). FX thread only.
 */
public final class WindowPlacement {
    /** How much of the window must be on a screen for its kept position to be used. */
    private static final double VISIBLE_ENOUGH = 80;
    private final Stage stage;
    private double x = Double.NaN;
    private double y = Double.NaN;
    private double width = Double.NaN;
    private double height = Double.NaN;

    private WindowPlacement(Stage stage) {
        this.stage = stage;
    }

    /** Applies the kept size and position (before the stage is shown) and starts following its bounds. */
    public static WindowPlacement apply(Stage stage, WindowLayout layout) {
        if (layout.hasSize()) {
            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
            // a window kept on a larger screen than any now attached still fits on this one
            stage.setWidth(Math.min(layout.width(), Math.max(screen.getWidth(), 400)));
            stage.setHeight(Math.min(layout.height(), Math.max(screen.getHeight(), 300)));
        }
        if (layout.hasPosition() && onSomeScreen(layout.x(), layout.y(),
                layout.hasSize() ? layout.width() : VISIBLE_ENOUGH, layout.hasSize() ? layout.height() : VISIBLE_ENOUGH)) {
            stage.setX(layout.x());
            stage.setY(layout.y());
        }
        stage.setMaximized(layout.maximized());
        WindowPlacement placement = new WindowPlacement(stage);
        placement.follow();
        return placement;
    }

    /** Whether a window at these bounds would show enough of itself on a screen attached now. */
    static boolean onSomeScreen(double x, double y, double width, double height) {
        for (Screen screen : Screen.getScreens()) {
            Rectangle2D b = screen.getVisualBounds();
            double overlapX = Math.min(x + width, b.getMaxX()) - Math.max(x, b.getMinX());
            double overlapY = Math.min(y + height, b.getMaxY()) - Math.max(y, b.getMinY());
            if (overlapX >= Math.min(VISIBLE_ENOUGH, width) && overlapY >= Math.min(VISIBLE_ENOUGH, height)) {
                return true;
            }
        }
        return false;
    }

    private void follow() {
        remember();
        stage.xProperty().addListener((obs, old, now) -> remember());
        stage.yProperty().addListener((obs, old, now) -> remember());
        stage.widthProperty().addListener((obs, old, now) -> remember());
        stage.heightProperty().addListener((obs, old, now) -> remember());
    }

    private void remember() {
        if (stage.isMaximized() || stage.isIconified() || stage.isFullScreen()) {
            return;
        }
        x = stage.getX();
        y = stage.getY();
        width = stage.getWidth();
        height = stage.getHeight();
    }

    /** The layout to keep: the last bounds while not maximised, whether maximised now, and the window's parts. */
    public WindowLayout layout(MainWindow window) {
        return new WindowLayout(finite(x), finite(y), finite(width), finite(height), stage.isMaximized(),
                window.sidePanelShownProperty().get(), window.dividers());
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
