package io.toolsmith.ui;

import static io.toolsmith.ui.RealApp.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.toolsmith.ui.common.LazyContextMenu;
import io.toolsmith.ui.common.Tooltips;
import io.toolsmith.ui.testing.WindowTestExtension;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.PickResult;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * Tooltips and row menus are made when they are first wanted, and then show as they always did: a tooltip when the
 * pointer rests over its node, a row's menu on a right click, none on an empty row.
 */
@ExtendWith(WindowTestExtension.class)
class LazyPopupsTest {
    private Button button;
    private Rectangle swatch;
    private ListView<String> list;
    private int menusMade;

    @Start
    void start(Stage stage) {
        // made here, on the FX thread once the toolkit runs, not as fields
        button = new Button("Copy");
        swatch = new Rectangle(40, 20);
        list = new ListView<>();
        Tooltips.set(button, "Copy to the clipboard");
        Tooltips.set(swatch, "A colour");
        list.getItems().setAll("Trip costs", "Groceries");
        list.setPrefHeight(200);
        list.setCellFactory(view -> new ListCell<>() {
            {
                LazyContextMenu.install(this, () -> !isEmpty(), () -> {
                    menusMade++;
                    return new ContextMenu(new MenuItem("Rename…"), new MenuItem("Delete"));
                });
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        });
        stage.setScene(new Scene(new VBox(10, button, swatch, new Label("rows"), list), 400, 400));
        stage.show();
    }

    @Test
    void aTooltipIsMadeOnTheFirstHoverAndShowsItsTextWhileItsHelpIsThereFromTheStart(FxRobot robot) {
        assertNull(button.getTooltip(), "no popup window before the pointer comes");
        assertEquals("Copy to the clipboard", button.getAccessibleHelp());

        robot.moveTo(button);
        waitUntil(() -> shownTooltip().filter("Copy to the clipboard"::equals).isPresent());

        robot.moveTo(swatch); // not a control: installed on the node
        waitUntil(() -> shownTooltip().filter("A colour"::equals).isPresent());
    }

    @Test
    void aNewTextReachesAMadeTooltipAndNoTextTakesItAway(FxRobot robot) {
        robot.moveTo(button);
        waitUntil(() -> button.getTooltip() != null);
        robot.interact(() -> Tooltips.set(button, "Copied"));
        assertEquals("Copied", button.getTooltip().getText());
        assertEquals("Copied", button.getAccessibleHelp());

        robot.interact(() -> Tooltips.set(button, null));
        assertNull(button.getTooltip());
        assertNull(button.getAccessibleHelp());
        robot.moveTo(swatch).moveTo(button);
        assertNull(button.getTooltip(), "a tooltip taken away is not made again on the next hover");
    }

    @Test
    void aRowsMenuIsMadeOnItsFirstRightClickAndAnEmptyRowHasNone(FxRobot robot) {
        assertEquals(0, menusMade, "no menu before one is asked for");
        ListCell<?> groceries = robot.lookup("Groceries").queryAs(ListCell.class);
        requestMenu(robot, groceries);
        waitUntil(() -> shownMenu().isPresent());
        assertEquals(List.of("Rename…", "Delete"), shownMenu().orElseThrow().getItems().stream()
                .map(MenuItem::getText).toList());
        robot.interact(() -> shownMenu().orElseThrow().hide());

        ListCell<?> empty = robot.lookup(".list-cell").queryAllAs(ListCell.class).stream()
                .filter(ListCell::isEmpty).findFirst().orElseThrow();
        requestMenu(robot, empty);
        assertFalse(shownMenu().isPresent(), "an empty row offers no menu");
        assertEquals(1, menusMade, "one menu for the row that was asked");
    }

    /**
     * What a right click or the menu key asks for. The headless platform turns neither into a menu request, so the
     * request is sent to the row as the platform would send it; the row's own handlers take it from there.
     */
    private static void requestMenu(FxRobot robot, Node row) {
        robot.interact(() -> {
            Bounds bounds = row.localToScreen(row.getBoundsInLocal());
            double x = bounds.getWidth() / 2;
            double y = bounds.getHeight() / 2;
            row.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, x, y,
                    bounds.getMinX() + x, bounds.getMinY() + y, false, new PickResult(row, x, y)));
        });
    }

    private static Optional<String> shownTooltip() {
        return Window.getWindows().stream().filter(w -> w instanceof Tooltip && w.isShowing())
                .map(w -> ((Tooltip) w).getText()).findFirst();
    }

    private static Optional<ContextMenu> shownMenu() {
        return Window.getWindows().stream().filter(w -> w instanceof ContextMenu && w.isShowing())
                .map(w -> (ContextMenu) w).findFirst();
    }
}
