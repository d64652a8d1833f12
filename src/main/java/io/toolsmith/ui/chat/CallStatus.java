package io.toolsmith.ui.chat;

/** Where a function call stands, as its card shows it. */
public enum CallStatus {
    WAITING_FOR_APPROVAL("waiting for approval", "waiting"),
    RUNNING("running", "running"),
    DONE("done", "done"),
    ERROR("error", "error"),
    REFUSED("refused", "refused"),
    /** The model called a function the library does not have; it was told which ones exist. */
    UNKNOWN_FUNCTION("unknown function", "unknown");

    private final String label;
    private final String styleSuffix;

    CallStatus(String label, String styleSuffix) {
        this.label = label;
        this.styleSuffix = styleSuffix;
    }

    public String label() {
        return label;
    }

    public String styleClass() {
        return "call-status-" + styleSuffix;
    }
}
