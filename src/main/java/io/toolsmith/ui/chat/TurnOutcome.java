package io.toolsmith.ui.chat;

/** How a turn ended. */
public enum TurnOutcome {
    COMPLETED, CANCELLED, FAILED
}
