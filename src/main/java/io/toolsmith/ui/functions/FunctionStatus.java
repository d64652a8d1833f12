package io.toolsmith.ui.functions;

/** Review state of a function, shown as a badge. */
public enum FunctionStatus {
    NEEDS_SPEC("needs spec", "warning"),
    /** A spec without code: nothing to approve until the model writes the code. */
    NEEDS_CODE("needs code", "warning"),
    PENDING("pending", "accent"),
    APPROVED("approved", "success"),
    CHANGED("changed", "warning"),
    REJECTED("rejected", "danger");

    private final String label;
    private final String tone;

    FunctionStatus(String label, String tone) {
        this.label = label;
        this.tone = tone;
    }

    public String label() {
        return label;
    }

    /** Badge colour class suffix. */
    public String tone() {
        return tone;
    }

    /** Waits for the user: counted on the Functions tab. */
    public boolean awaitsReview() {
        return this == PENDING || this == CHANGED;
    }
}
