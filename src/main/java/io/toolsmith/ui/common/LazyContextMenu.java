package io.toolsmith.ui.common;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Control;
import javafx.scene.input.ContextMenuEvent;

/**
 * A context menu made when it is first asked for (a right click, the menu key), for controls made by the dozen such
 * as list rows: a context menu is a popup window with a scene of its own, which JavaFX styles from scratch when it is
 * made, so making one per row up front costs more than the row. FX thread only.
 */
public final class LazyContextMenu {
    private final Supplier<ContextMenu> make;
    private ContextMenu menu;

    private LazyContextMenu(Supplier<ContextMenu> make) {
        this.make = make;
    }

    /**
     * Gives {@code control} the menu {@code make} builds whenever one is asked for while {@code offered} holds, and
     * none while it does not (an empty row).
     */
    public static void install(Control control, BooleanSupplier offered, Supplier<ContextMenu> make) {
        LazyContextMenu lazy = new LazyContextMenu(make);
        // A filter runs before the control's own handler, which shows whatever menu the control has then.
        control.addEventFilter(ContextMenuEvent.CONTEXT_MENU_REQUESTED,
                e -> control.setContextMenu(offered.getAsBoolean() ? lazy.menu() : null));
    }

    private ContextMenu menu() {
        if (menu == null) {
            menu = make.get();
        }
        return menu;
    }
}
