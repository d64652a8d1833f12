package io.toolsmith.ui.window;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

class WindowPlacementTest {
    private static final Rectangle2D SMALL = new Rectangle2D(0, 0, 1024, 700);
    private static final Rectangle2D LARGE = new Rectangle2D(0, 0, 1440, 900);

    @Test
    void aWindowKeptOnALargerScreenIsShrunkAndMovedOntoTheSmallerOne() {
        Rectangle2D fitted = WindowPlacement.fit(new Rectangle2D(100, 60, 1200, 760), List.of(SMALL), SMALL);
        assertEquals(new Rectangle2D(0, 0, 1024, 700), fitted);
    }

    @Test
    void aWindowThatFitsButHangsOverTheEdgeIsMovedBackWithItsSizeKept() {
        Rectangle2D fitted = WindowPlacement.fit(new Rectangle2D(500, 400, 800, 500), List.of(SMALL), SMALL);
        assertEquals(new Rectangle2D(224, 200, 800, 500), fitted);
    }

    @Test
    void aWindowThatFitsStaysWhereItWas() {
        Rectangle2D kept = new Rectangle2D(100, 60, 1200, 760);
        assertEquals(kept, WindowPlacement.fit(kept, List.of(LARGE), LARGE));
    }

    @Test
    void aWindowGoesToTheScreenItOverlapsMost() {
        Rectangle2D right = new Rectangle2D(1440, 0, 1024, 700);
        Rectangle2D fitted = WindowPlacement.fit(new Rectangle2D(1400, 100, 900, 700), List.of(LARGE, right), LARGE);
        assertEquals(new Rectangle2D(1440, 0, 900, 700), fitted);
    }

    @Test
    void aWindowOnADetachedScreenComesBackOnThePrimaryOne() {
        Rectangle2D offside = new Rectangle2D(3000, -200, 1000, 600);
        Rectangle2D primary = new Rectangle2D(0, 30, 1024, 670);
        assertEquals(new Rectangle2D(24, 30, 1000, 600), WindowPlacement.fit(offside, List.of(primary), primary));
    }
}
