package io.toolsmith.functions;

import java.util.List;

/**
 * What a rollback did: {@code function} is now as in version {@code from}, stored as version {@code stored};
 * {@code others} are the functions of the same module, whose code went back with it.
 */
public record RolledBack(String function, int from, int stored, FunctionStatus status, List<String> others) {
    /** The sentence for the user. */
    public String sentence() {
        String runs = switch (status) {
            case APPROVED -> " It is exactly the code and spec you approved, so it runs again.";
            case REJECTED -> " You rejected exactly this code and spec, so it does not run.";
            default -> " It waits for your approval: nothing of it runs until you approve it.";
        };
        return "Rolled back " + function + " to version " + from + " (saved as version " + stored + ")." + runs
                + (others.isEmpty() ? "" : " The other functions of its module (" + String.join(", ", others)
                + ") went back with it.");
    }
}
