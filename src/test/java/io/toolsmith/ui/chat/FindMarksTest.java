package io.toolsmith.ui.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.toolsmith.ui.testing.WindowTestExtension;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** The find marks cover exactly the occurrences of the text, wherever the flow's runs split it. */
@ExtendWith(WindowTestExtension.class)
class FindMarksTest {
    private static final Font FONT = Font.font("System", 14);
    private final VBox bubble = new VBox();
    private final FindMarks marks = new FindMarks();
    private TextFlow flow;

    @Start
    void start(Stage stage) {
        // "Log my cab ride, then another Cab Ride." in three runs, one of them splitting the second occurrence
        flow = new TextFlow(text("Log my cab ride, then "), text("another Cab "), text("Ride."));
        flow.setPrefWidth(800);
        bubble.getChildren().addAll(new Pane(), flow, marks);
        stage.setScene(new Scene(bubble, 820, 200));
        stage.show();
    }

    private static Text text(String s) {
        Text run = new Text(s);
        run.setFont(FONT);
        return run;
    }

    private static double width(String s) {
        return text(s).getLayoutBounds().getWidth();
    }

    @Test
    void eachOccurrenceIsMarkedWhereItsTextIs(FxRobot robot) {
        robot.interact(() -> marks.mark(bubble, "cab ride"));
        assertEquals(2, marks.count());
        List<Rectangle> placed = marks.getChildren().stream().map(Rectangle.class::cast).toList();
        Bounds inFlow = flow.getBoundsInParent();
        assertEquals(inFlow.getMinX() + width("Log my "), placed.get(0).getX(), 1.0);
        assertEquals(width("cab ride"), placed.get(0).getWidth(), 1.0);
        assertEquals(inFlow.getMinX() + width("Log my cab ride, then another "), placed.get(1).getX(), 1.0);
        assertEquals(width("Cab Ride"), placed.get(1).getWidth(), 1.0);
        assertEquals(inFlow.getMinY(), placed.get(0).getY(), 1.0);

        robot.interact(() -> marks.mark(bubble, "bicycle"));
        assertEquals(0, marks.count());
        robot.interact(() -> marks.mark(bubble, "ride"));
        assertEquals(2, marks.count());
        robot.interact(() -> marks.mark(bubble, ""));
        assertEquals(0, marks.count(), "a closed find leaves no marks");
    }

    @Test
    void aLongLineWrapsAnOccurrenceIntoOneMarkPerLine(FxRobot robot) {
        robot.interact(() -> {
            flow.getChildren().setAll(text("x".repeat(40) + " cab ride " + "y".repeat(40)));
            flow.setPrefWidth(width("x".repeat(40) + " cab"));
            flow.setMaxWidth(flow.getPrefWidth());
        });
        robot.interact(() -> marks.mark(bubble, "cab ride"));
        assertEquals(2, marks.count(), "“cab” ends one line, “ride” starts the next");
    }
}
