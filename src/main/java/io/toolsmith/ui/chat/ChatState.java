package io.toolsmith.ui.chat;

/** Drives the chat view: what the input area and Stop button show. */
public enum ChatState {
    /** Ready for the next message. */
    IDLE,
    /** A turn runs; text streams in; Stop is offered. */
    STREAMING,
    /** Stop was pressed; waiting for the turn to wind down. */
    STOPPING
}
