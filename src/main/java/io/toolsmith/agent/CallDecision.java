package io.toolsmith.agent;

/** The user's answer when a call needs a decision. */
public enum CallDecision {
    /** Run this call only; the function stays as it is. */
    RUN_ONCE,
    /** Approve the function (this version) and run the call. */
    APPROVE_AND_RUN,
    /** Do not run; the model is told the user refused. */
    DENY,
    /** Nobody could be asked (the command line): not run, and the model is told why, not that the user refused. */
    NOT_ASKED
}
