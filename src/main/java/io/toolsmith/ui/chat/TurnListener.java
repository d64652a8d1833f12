package io.toolsmith.ui.chat;

/** Receives a turn's events; called on any thread, one event at a time, in order. */
@FunctionalInterface
public interface TurnListener {
    void on(TurnEvent event);
}
