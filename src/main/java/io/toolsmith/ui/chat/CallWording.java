package io.toolsmith.ui.chat;

import io.toolsmith.functions.FunctionStatus;

/**
 * The sentences of a call card: what a waiting call asks, the names of its buttons, and what a call that did not
 * run means for the user (the model's own sentence is shown below it as it was sent). Each case gets its own
 * words: an approved function set to ask is confirmed, not "approved"; a function never approved is not offered as
 * if it were. Pure.
 */
public final class CallWording {
    private CallWording() {
    }

    /** The question above the arguments of a waiting call. */
    public static String question(String function, CallQuestion question) {
        if (question == null) {
            return function + " is not approved. Run it with these arguments?";
        }
        if (question.confirmsApproved()) {
            return "Run the approved function " + function + " with these arguments?";
        }
        FunctionStatus status = question.review() == null ? null : question.review().entry().status();
        if (status == FunctionStatus.NEEDS_SPEC) {
            return function + " has code but no spec yet, so it cannot be approved. Read its code, then run this "
                    + "call once or deny it.";
        }
        return function + " is not approved yet: read its code and checks below before it runs.";
    }

    /** The button that runs this call only: "Run" when confirming an approved function. */
    public static String runOnce(CallQuestion question) {
        return question != null && question.confirmsApproved() ? "Run" : "Run once";
    }

    /** The button that refuses this call: "Don't run" when confirming an approved function. */
    public static String deny(CallQuestion question) {
        return question != null && question.confirmsApproved() ? "Don't run" : "Deny";
    }

    /** Why Approve and run is not offered yet, or empty once it is. */
    public static String approveHint(boolean offered, boolean codeSeen) {
        return offered && !codeSeen ? "Approve and run is offered once you have read the code: open it above or "
                + "press Review." : "";
    }

    /**
     * What a call that did not run means for the user, from the error name the model was sent; empty when the
     * model's sentence says it well enough.
     */
    public static String outcome(CallStatus status, String function, String error) {
        String name = errorName(error);
        if (status == CallStatus.UNKNOWN_FUNCTION || "UnknownFunctionError".equals(name)) {
            return "There is no function named " + function + "; the model was told which functions exist.";
        }
        if ("CallRefusedError".equals(name)) {
            return "Not run: you refused this call, and the model was told so.";
        }
        if ("CancelledError".equals(name)) {
            return "Not run: stopped. The model was told you stopped the turn.";
        }
        if ("NotApprovedError".equals(name) || "ConfirmationNeededError".equals(name)) {
            return "Not run. What the model was told:";
        }
        return "";
    }

    /** "UnknownFunctionError" of "UnknownFunctionError: No function named …"; empty when there is none. */
    static String errorName(String error) {
        if (error == null) {
            return "";
        }
        int colon = error.indexOf(':');
        String head = colon < 0 ? "" : error.substring(0, colon);
        return head.matches("[A-Za-z_][A-Za-z0-9_]*") ? head : "";
    }
}
