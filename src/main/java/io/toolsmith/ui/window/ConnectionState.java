package io.toolsmith.ui.window;

/** Drives the top bar and the banner. */
public enum ConnectionState {
    CHECKING, CONNECTED, UNREACHABLE, NO_MODELS
}
