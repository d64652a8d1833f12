package io.toolsmith.ui.functions;

import io.toolsmith.functions.CallPolicy;
import io.toolsmith.functions.FunctionEntry;

/** The Functions tab's policy switch: a policy the user sets, or the default that follows the effects. */
public enum PolicyChoice {
    DEFAULT("Default from effects", null),
    AUTO("Auto", CallPolicy.AUTO),
    ASK("Ask every time", CallPolicy.ASK);

    private final String label;
    private final CallPolicy policy;

    PolicyChoice(String label, CallPolicy policy) {
        this.label = label;
        this.policy = policy;
    }

    /** What the library stores: null for {@link #DEFAULT}. */
    public CallPolicy policy() {
        return policy;
    }

    public static PolicyChoice of(FunctionEntry entry) {
        if (!entry.policyChosen()) {
            return DEFAULT;
        }
        return entry.policy() == CallPolicy.ASK ? ASK : AUTO;
    }

    @Override
    public String toString() {
        return label;
    }
}
