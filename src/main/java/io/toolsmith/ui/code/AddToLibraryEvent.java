package io.toolsmith.ui.code;

import javafx.event.Event;
import javafx.event.EventType;

/**
 * Fired by a code block's "Add to library" button and bubbled up the scene graph, so the window that owns the
 * function library handles it without the chat's renderers knowing the library.
 */
public final class AddToLibraryEvent extends Event {
    public static final EventType<AddToLibraryEvent> ADD = new EventType<>(Event.ANY, "ADD_TO_LIBRARY");

    private final String code;

    public AddToLibraryEvent(String code) {
        super(ADD);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
