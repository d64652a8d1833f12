package io.toolsmith.ui.window;

import java.util.List;

/**
 * Where the window was and how it was divided when it last closed: kept in {@code window.json} in the home so the
 * next start looks the same. Any field may be missing (an older or damaged file); {@link #NONE} means nothing kept.
 *
 * @param x              the window's left edge while it was not maximised (null when never kept)
 * @param y              its top edge, likewise
 * @param width          its width while it was not maximised
 * @param height         its height while it was not maximised
 * @param maximized      whether it was maximised
 * @param sidePanelShown whether the side panel (Functions, Data, Activity) was open
 * @param dividers       the divider positions between the chat list, the chat and the side panel
 */
public record WindowLayout(Double x, Double y, Double width, Double height, boolean maximized,
                           Boolean sidePanelShown, List<Double> dividers) {
    public static final WindowLayout NONE = new WindowLayout(null, null, null, null, false, null, null);

    public WindowLayout {
        dividers = dividers == null ? List.of() : List.copyOf(dividers.stream().filter(d -> d != null).toList());
    }

    /** Whether bounds were kept and are worth using (not absurdly small). */
    public boolean hasSize() {
        return width != null && height != null && width >= 200 && height >= 150;
    }

    public boolean hasPosition() {
        return x != null && y != null && Double.isFinite(x) && Double.isFinite(y);
    }

    public boolean sidePanelOpen() {
        return sidePanelShown == null || sidePanelShown;
    }
}
