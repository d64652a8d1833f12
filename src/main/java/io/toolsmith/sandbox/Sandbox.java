package io.toolsmith.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.util.Cancellation;
import java.util.List;

/**
 * Runs approved Python functions away from the app and the user's files.
 * Implementations are thread-safe; calls into one worker are serialized.
 */
public interface Sandbox extends AutoCloseable {

    /**
     * Compiles a module's code and keeps it, so it is there again after a restart. Whether its top-level
     * code runs now or with each call is up to the implementation (the local sandbox: with each call).
     * Redefining a module replaces it; a failed definition keeps the previous one.
     *
     * @param module  a Python identifier
     * @param network whether the module's approval grants network access
     * @throws SandboxException for a syntax or loading error (the sentence names the line) or a broken sandbox
     */
    void define(String module, String code, boolean network) throws SandboxException;

    /** Forgets a module; unknown names are ignored. */
    void undefine(String module);

    /**
     * Calls {@code module.function(**arguments)}. Errors raised by the function, a timeout and
     * cancellation come back in the outcome; only a sandbox that cannot run at all throws.
     */
    CallOutcome call(String callId, String module, String function, JsonNode arguments, Cancellation cancel)
            throws SandboxException;

    /**
     * Calls {@code module.function(**arguments)} allowed only what {@code grant} says: without {@code writeData}
     * the data folder is read-only, without {@code network} there is no network, without {@code processes} no
     * process can be started. This default ignores the grant (for sandboxes whose boundary is elsewhere).
     */
    default CallOutcome call(String callId, String module, String function, JsonNode arguments, Grant grant,
                             Cancellation cancel) throws SandboxException {
        return call(callId, module, function, arguments, cancel);
    }

    /** {@link #callOnce(String, String, String, String, JsonNode, Cancellation)} within {@code grant}. */
    default CallOutcome callOnce(String callId, String module, String code, String function, JsonNode arguments,
                                 Grant grant, Cancellation cancel) throws SandboxException {
        return callOnce(callId, module, code, function, arguments, cancel);
    }

    /**
     * Runs {@code module.function(**arguments)} with {@code code} that is used for this call only ("Run once"):
     * the code is not kept, so nothing of it is loaded afterwards, and it never gets network access.
     * This default defines the code, calls it and forgets it again.
     */
    default CallOutcome callOnce(String callId, String module, String code, String function, JsonNode arguments,
                                 Cancellation cancel) throws SandboxException {
        define(module, code, false);
        try {
            return call(callId, module, function, arguments, cancel);
        } finally {
            undefine(module);
        }
    }

    /**
     * Waits until no process of the calls made so far exists any more and the data folder holds no name that is
     * not valid UTF-8. A call's result may arrive while the kernel still tears its processes down: none of them
     * runs its code again by then, but a system call one of them was in (a write, a rename) may still complete.
     * Call this before looking at what the calls did to the data folder. This default has nothing to wait for.
     *
     * @return one sentence for each name the sandbox renamed since the last time (for the call's output)
     */
    default List<String> awaitCallsEnded() {
        return List.of();
    }

    /** How well the functions are kept away from the rest of the machine. */
    Isolation isolation();

    @Override
    void close();
}
