package io.toolsmith.ui.window;

import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Puts a stage where a {@link WindowLayout} says, and keeps its last bounds while not maximised (a maximised
 * window's own bounds are the screen's, which are not what to restore to). FX thread only.
 */
public final class WindowPlacement {
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
            List<Rectangle2D> screens = Screen.getScreens().stream().map(Screen::getVisualBounds).toList();
            Rectangle2D primary = Screen.getPrimary().getVisualBounds();
            if (layout.hasPosition()) {
                Rectangle2D fitted = fit(new Rectangle2D(layout.x(), layout.y(), layout.width(), layout.height()),
                        screens, primary);
                stage.setWidth(fitted.getWidth());
                stage.setHeight(fitted.getHeight());
                stage.setX(fitted.getMinX());
                stage.setY(fitted.getMinY());
            } else {
                // no kept place: the stage centres itself, so only the size must fit the primary screen
                stage.setWidth(Math.min(layout.width(), primary.getWidth()));
                stage.setHeight(Math.min(layout.height(), primary.getHeight()));
            }
        }
        stage.setMaximized(layout.maximized());
        WindowPlacement placement = new WindowPlacement(stage);
        placement.follow();
        return placement;
    }

    /**
     * Where a window kept at {@code saved} goes now: on the screen it overlaps most (the primary one when it
     * overlaps none, e.g. a screen since detached), no larger than that screen and moved so all of it lies on it.
     * A window kept on a larger screen would otherwise hang over the edge with its controls out of reach.
     */
    static Rectangle2D fit(Rectangle2D saved, List<Rectangle2D> screens, Rectangle2D primary) {
        Rectangle2D screen = primary;
        double bestOverlap = 0;
        for (Rectangle2D candidate : screens) {
            double overlap = overlapArea(saved, candidate);
            if (overlap > bestOverlap) {
                bestOverlap = overlap;
                screen = candidate;
            }
        }
        double width = Math.min(saved.getWidth(), screen.getWidth());
        double height = Math.min(saved.getHeight(), screen.getHeight());
        double x = clamp(saved.getMinX(), screen.getMinX(), screen.getMaxX() - width);
        double y = clamp(saved.getMinY(), screen.getMinY(), screen.getMaxY() - height);
        return new Rectangle2D(x, y, width, height);
    }

    private static double overlapArea(Rectangle2D a, Rectangle2D b) {
        double w = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
        double h = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
        return w > 0 && h > 0 ? w * h : 0;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(value, max));
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
