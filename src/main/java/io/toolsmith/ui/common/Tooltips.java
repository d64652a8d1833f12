package io.toolsmith.ui.common;

import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * Tooltips made when the pointer first comes over their node, not when the node is built.
 *
 * <p>A tooltip is a popup window with a scene of its own, and JavaFX styles every new scene from scratch against the
 * whole theme: made up front, the tooltips of every button of every chat row, list row and function line cost more
 * than the rows themselves, most of them for rows nobody points at. The text is the node's accessible help at once,
 * so a screen reader has it without a pointer. FX thread only.
 */
public final class Tooltips {
    private static final String TEXT = "toolsmith.tooltip.text";
    private static final String MADE = "toolsmith.tooltip.made";
    private static final EventHandler<MouseEvent> MAKE_ON_ENTER = Tooltips::make;

    private Tooltips() {
    }

    /** Gives {@code node} a tooltip saying {@code text}, or takes its tooltip away when {@code text} is null or blank. */
    public static void set(Node node, String text) {
        String shown = text == null || text.isBlank() ? null : text;
        node.setAccessibleHelp(shown);
        Tooltip made = (Tooltip) node.getProperties().get(MADE);
        if (made != null) {
            if (shown == null) {
                node.getProperties().remove(MADE);
                uninstall(node, made);
            } else {
                made.setText(shown);
            }
            return;
        }
        boolean waiting = node.getProperties().containsKey(TEXT);
        if (shown == null) {
            node.getProperties().remove(TEXT);
            node.removeEventHandler(MouseEvent.MOUSE_ENTERED, MAKE_ON_ENTER);
        } else {
            node.getProperties().put(TEXT, shown);
            if (!waiting) {
                node.addEventHandler(MouseEvent.MOUSE_ENTERED, MAKE_ON_ENTER);
            }
        }
    }

    private static void make(MouseEvent entered) {
        Node node = (Node) entered.getSource();
        node.removeEventHandler(MouseEvent.MOUSE_ENTERED, MAKE_ON_ENTER);
        Object text = node.getProperties().remove(TEXT);
        if (text == null) {
            return;
        }
        Tooltip tooltip = new Tooltip(text.toString());
        node.getProperties().put(MADE, tooltip);
        // Installed while the pointer is already over the node: the moves that follow start its usual delay.
        if (node instanceof Control control) {
            control.setTooltip(tooltip);
        } else {
            Tooltip.install(node, tooltip);
        }
    }

    private static void uninstall(Node node, Tooltip tooltip) {
        if (node instanceof Control control) {
            control.setTooltip(null);
        } else {
            Tooltip.uninstall(node, tooltip);
        }
    }
}
