package io.toolsmith.ui.chat;

import javafx.event.Event;
import javafx.event.EventType;

/**
 * Fired by a call card's Review button; bubbles up to the window, which shows the function in the Functions tab.
 * The card does not know the window, the window does not know cards.
 */
public final class ReviewFunctionEvent extends Event {
    public static final EventType<ReviewFunctionEvent> REVIEW = new EventType<>(Event.ANY, "REVIEW_FUNCTION");
    private final String function;

    public ReviewFunctionEvent(String function) {
        super(REVIEW);
        this.function = function;
    }

    public String function() {
        return function;
    }
}
