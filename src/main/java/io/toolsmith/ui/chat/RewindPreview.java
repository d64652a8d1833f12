package io.toolsmith.ui.chat;

import java.util.List;

/**
 * What the calls an action would drop changed in the data folder, one line per file ("log.pkl +1 record"); putting
 * the data back undoes exactly that. Empty when they changed nothing (or no call ran).
 */
public record RewindPreview(List<String> changes) {
    public static final RewindPreview NONE = new RewindPreview(List.of());

    public RewindPreview {
        changes = List.copyOf(changes);
    }

    public boolean changesData() {
        return !changes.isEmpty();
    }
}
