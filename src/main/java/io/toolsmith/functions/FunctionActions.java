package io.toolsmith.functions;

import java.util.EnumSet;
import java.util.Set;

/**
 * The one place that says which {@link FunctionAction}s a function allows. A status alone does not say it for a
 * rejected function, which may lack its code or its spec (a half-finished function can be rejected), so the answer
 * also depends on what the function has: approving or running needs what the library needs for it.
 * Pure; any thread.
 */
public final class FunctionActions {
    private FunctionActions() {
    }

    /** The actions for a function as the library reviews it. */
    public static Set<FunctionAction> allowed(Review review) {
        return allowed(review.entry().status(), review.code() != null, review.spec() != null);
    }

    /**
     * @param hasCode whether the library holds code that defines the function
     * @param hasSpec whether the library holds the function's spec
     */
    public static Set<FunctionAction> allowed(FunctionStatus status, boolean hasCode, boolean hasSpec) {
        Set<FunctionAction> actions = EnumSet.of(FunctionAction.DELETE);
        boolean complete = hasCode && hasSpec;
        if (hasCode) {
            // Every code block was stored as a version; going back to one is possible whatever the status.
            actions.add(FunctionAction.ROLLBACK);
        }
        switch (status) {
            case NEEDS_SPEC -> {
                actions.add(FunctionAction.REJECT);
                actions.add(FunctionAction.ASK_FOR_SPEC);
                // The code is there, so one call may run; approving waits for the spec.
                actions.add(FunctionAction.RUN_ONCE);
            }
            case NEEDS_CODE -> actions.add(FunctionAction.REJECT);
            case PENDING -> actions.addAll(EnumSet.of(FunctionAction.APPROVE, FunctionAction.REJECT,
                    FunctionAction.TRY_EXAMPLES, FunctionAction.RUN_ONCE, FunctionAction.APPROVE_AND_RUN));
            case CHANGED -> actions.addAll(EnumSet.of(FunctionAction.APPROVE, FunctionAction.REJECT,
                    FunctionAction.TRY_EXAMPLES));
            case APPROVED -> actions.addAll(EnumSet.of(FunctionAction.REVOKE, FunctionAction.TRY_EXAMPLES,
                    // an approved function whose policy asks every time is offered for one call
                    FunctionAction.RUN_ONCE, FunctionAction.SET_POLICY));
            case REJECTED -> {
                actions.add(FunctionAction.REVOKE);
                if (complete) {
                    // Changing one's mind needs what approving needs: code and spec.
                    actions.add(FunctionAction.APPROVE);
                }
            }
        }
        return actions;
    }

    /** Whether the function waits for the user's review (counted on the Functions tab). */
    public static boolean awaitsReview(FunctionStatus status) {
        return status == FunctionStatus.PENDING || status == FunctionStatus.CHANGED;
    }
}
