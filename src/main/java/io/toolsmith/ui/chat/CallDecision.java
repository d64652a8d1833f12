package io.toolsmith.ui.chat;

/** The user's answer to a call of a function that is not approved (yet). */
public enum CallDecision {
    RUN_ONCE, APPROVE_AND_RUN, DENY
}
