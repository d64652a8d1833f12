package io.toolsmith.functions;

/** Where a function stands in the user's review; {@link #label()} is the text shown in lists. */
public enum FunctionStatus {
    NEEDS_SPEC("needs spec"),
    NEEDS_CODE("needs code"),
    PENDING("pending"),
    APPROVED("approved"),
    REJECTED("rejected"),
    CHANGED("changed");

    private final String label;

    FunctionStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
