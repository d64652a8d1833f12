package io.toolsmith.ui.testing;

import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
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
    /** Frames a click waits for its node to be laid out; one never laid out, or never still, fails the test. */
    private static final int MAX_FRAMES = 600;

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

    /** Clicks the node's centre; returns where on the screen it clicked. */
    public static Point2D click(FxRobot robot, Node node) {
        Point2D centre = centreOnScreen(node);
        MouseRobot mouse = robot.robotContext().getMouseRobot();
        mouse.moveNoWait(centre);
        mouse.pressNoWait(MouseButton.PRIMARY);
        mouse.releaseNoWait(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        return centre;
    }

    /**
     * The node's centre on the screen, read on the FX thread once the node is laid out: it has a size, and the next
     * frame leaves it where it was. TestFX reads it on the test's thread at once, and a node just put in a window (the
     * chat when the first one opens) can then still be at its parent's origin with no size, or be moved again by the
     * next layout pass: the click lands on whatever the window shows there (seen twice in full runs, at their start:
     * the focus stayed on the New chat button, the window's first focus, instead of moving to the chat's input).
     */
    static Point2D centreOnScreen(Node node) {
        try {
            Point2D before = null;
            for (int frame = 0; frame <= MAX_FRAMES; frame++) {
                if (frame > 0) {
                    Frames.after(node, 1);
                }
                Point2D centre = WaitForAsyncUtils.asyncFx(() -> laidOutCentre(node)).get(20, TimeUnit.SECONDS);
                if (centre != null && centre.equals(before)) {
                    return centre;
                }
                before = centre;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (Exception e) {
            throw new AssertionError("the FX thread did not lay out " + node, e);
        }
        throw new AssertionError(node + " was not laid out in a showing window within " + MAX_FRAMES + " frames");
    }

    /** On the FX thread: the centre of a node with a size in a showing window, else null. */
    private static Point2D laidOutCentre(Node node) {
        Bounds local = node.getLayoutBounds();
        if (node.getScene() == null || node.getScene().getWindow() == null || !node.getScene().getWindow().isShowing()
                || local.getWidth() <= 0 || local.getHeight() <= 0) {
            return null;
        }
        Bounds screen = node.localToScreen(local);
        return new Point2D(screen.getCenterX(), screen.getCenterY());
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
