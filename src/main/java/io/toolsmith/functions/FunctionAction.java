package io.toolsmith.functions;

/**
 * What the user can do with one function of the library, in the Functions tab or on a call card. Which of these a
 * function allows is decided by {@link FunctionActions} alone, so every client offers the same buttons.
 */
public enum FunctionAction {
    /** Pin the current code and spec; the function then runs when the model calls it. */
    APPROVE,
    /** Record that the user does not want this version. */
    REJECT,
    /** Withdraw an approval or a rejection; the function waits for review again. */
    REVOKE,
    /** Run the spec's examples on a copy of the data folder. */
    TRY_EXAMPLES,
    /** Ask the model to write the missing spec. */
    ASK_FOR_SPEC,
    /** Take the function out of the library (it can be brought back). */
    DELETE,
    /** A call of the function waiting for the user: run this call only. */
    RUN_ONCE,
    /** A call of the function waiting for the user: approve the function and run the call. */
    APPROVE_AND_RUN,
    /** Make an older stored version current again (a change: it runs only if that version is the approved one). */
    ROLLBACK,
    /** Choose whether calls of an approved function run at once or ask every time. */
    SET_POLICY
}
