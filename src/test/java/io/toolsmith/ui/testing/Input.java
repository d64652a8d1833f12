package io.toolsmith.ui.testing;

import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.testfx.api.FxRobot;
import org.testfx.robot.KeyboardRobot;
import org.testfx.robot.MouseRobot;
import org.testfx.util.NodeQueryUtils;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Clicks and key strokes as TestFX's robot makes them (a click moves the pointer onto the node's centre, then presses
 * and releases the primary button), with one wait for the FX thread at the end instead of one after each step: the
 * events reach the window in the same order either way, and each wait is five trips through the FX thread with a
 * 10 ms sleep after each.
 */
public final class Input {
    private Input() {
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

    /**
     * Lets go of every key and mouse button the robot still holds, so none is held for the next test. Only when one
     * is held: the robot's release waits for the FX thread's queue even when there is nothing to release.
     */
    public static void releaseHeld(FxRobot robot) {
        if (!robot.robotContext().getMouseRobot().getPressedButtons().isEmpty()) {
            robot.release(new MouseButton[0]);
        }
        if (!robot.robotContext().getKeyboardRobot().getPressedKeys().isEmpty()) {
            robot.release(new KeyCode[0]);
        }
    }

    /** Presses and releases {@code key} in the focused window, as the robot's type does. */
    public static void type(FxRobot robot, KeyCode key) {
        KeyboardRobot keyboard = robot.robotContext().getKeyboardRobot();
        keyboard.pressNoWait(key);
        keyboard.releaseNoWait(key);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
