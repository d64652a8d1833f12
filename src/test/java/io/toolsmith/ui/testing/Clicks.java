package io.toolsmith.ui.testing;

import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import org.testfx.api.FxRobot;
import org.testfx.robot.MouseRobot;
import org.testfx.util.NodeQueryUtils;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A click of the primary button as TestFX's {@code clickOn} makes it (the pointer moves onto the node's centre, then
 * the button is pressed and released), with one wait for the FX thread at the end instead of one after each of the
 * three steps: the events reach the window in the same order either way, and each wait is five trips through the FX
 * thread with a 10 ms sleep after each.
 */
public final class Clicks {
    private Clicks() {
    }

    /** Clicks the first visible node {@code query} finds: a CSS selector or a label's text, as with clickOn. */
    public static void click(FxRobot robot, String query) {
        Node node = robot.lookup(query).match(NodeQueryUtils.isVisible()).query();
        if (node == null) {
            throw new AssertionError("no visible node to click for \"" + query + "\"");
        }
        click(robot, node);
    }

    public static void click(FxRobot robot, Node node) {
        Point2D centre = robot.point(node).query();
        MouseRobot mouse = robot.robotContext().getMouseRobot();
        mouse.moveNoWait(centre);
        mouse.pressNoWait(MouseButton.PRIMARY);
        mouse.releaseNoWait(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
