package io.toolsmith.ui.markdown;

import javafx.scene.Node;

/**
 * Renders one kind of fenced block ({@code thinking}, {@code function_call} …) as something other
 * than plain code. Registered by info string; called on the FX thread.
 */
@FunctionalInterface
public interface FenceRenderer {
    Node render(String info, String literal);

    /**
     * Updates a node this renderer made earlier for a block whose text grew (streaming). Return
     * false to have the node rebuilt instead.
     */
    default boolean update(Node existing, String info, String literal) {
        return false;
    }
}
