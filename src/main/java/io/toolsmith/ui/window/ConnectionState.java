package io.toolsmith.ui.window;

/** Drives the top bar and the banner; the window's side of {@link io.toolsmith.llm.ServerHealth.State}. */
public enum ConnectionState {
    CHECKING, CONNECTED, CHAT_FAILING, UNREACHABLE, NO_MODELS;

    static ConnectionState of(io.toolsmith.llm.ServerHealth.State state) {
        return valueOf(state.name());
    }
}
