package io.toolsmith.ui.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.toolsmith.functions.CallPermit;
import io.toolsmith.functions.CallPolicy;
import io.toolsmith.functions.Effects;
import io.toolsmith.functions.FunctionEntry;
import io.toolsmith.functions.FunctionStatus;
import io.toolsmith.functions.Review;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each case a call card can be in has its own words. */
class CallWordingTest {

    @Test
    void eachWaitingCaseAsksItsOwnQuestion() {
        assertEquals("Run the approved function add with these arguments?",
                CallWording.question("add", question(CallPermit.Kind.ASK, FunctionStatus.APPROVED)));
        assertEquals("add is not approved yet: read its code and checks below before it runs.",
                CallWording.question("add", question(CallPermit.Kind.NOT_APPROVED, FunctionStatus.PENDING)));
        assertEquals("add has code but no spec yet, so it cannot be approved. Read its code, then run this call once "
                + "or deny it.", CallWording.question("add", question(CallPermit.Kind.NOT_APPROVED, FunctionStatus.NEEDS_SPEC)));
        assertEquals("add is not approved. Run it with these arguments?", CallWording.question("add", null));
    }

    @Test
    void anApprovedFunctionIsRunOrNotRunRatherThanRunOnceOrDenied() {
        CallQuestion confirm = question(CallPermit.Kind.ASK, FunctionStatus.APPROVED);
        CallQuestion pending = question(CallPermit.Kind.NOT_APPROVED, FunctionStatus.PENDING);
        assertEquals("Run", CallWording.runOnce(confirm));
        assertEquals("Don't run", CallWording.deny(confirm));
        assertEquals("Run once", CallWording.runOnce(pending));
        assertEquals("Deny", CallWording.deny(pending));
    }

    @Test
    void approveAndRunSaysWhyItWaitsOnlyUntilTheCodeWasSeen() {
        assertEquals("Approve and run is offered once you have read the code: open it above or press Review.",
                CallWording.approveHint(true, false));
        assertEquals("", CallWording.approveHint(true, true));
        assertEquals("", CallWording.approveHint(false, false));
    }

    @Test
    void aCallThatDidNotRunSaysWhyInTheUsersTerms() {
        assertEquals("There is no function named ad; the model was told which functions exist.",
                CallWording.outcome(CallStatus.UNKNOWN_FUNCTION, "ad", "UnknownFunctionError: No function named ad exists"));
        assertEquals("Not run: you refused this call, and the model was told so.",
                CallWording.outcome(CallStatus.REFUSED, "add", "CallRefusedError: The user refused to run add"));
        assertEquals("Not run. What the model was told:",
                CallWording.outcome(CallStatus.REFUSED, "add", "NotApprovedError: add was changed since the user approved it"));
        assertEquals("", CallWording.outcome(CallStatus.ERROR, "add", "ZeroDivisionError: division by zero"));
        assertEquals("", CallWording.outcome(CallStatus.ERROR, "add", "the worker stopped: out of memory"));
    }

    private static CallQuestion question(CallPermit.Kind kind, FunctionStatus status) {
        return new CallQuestion(kind, new Review(new FunctionEntry("add", "add", status, 1, false, CallPolicy.AUTO, null,
                Effects.NONE, null), "def add(a, b):\n    return a + b\n", null, null, List.of(), ""));
    }
}
