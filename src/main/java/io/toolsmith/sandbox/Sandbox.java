package io.toolsmith.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.util.Cancellation;

/**
 * Runs approved Python functions away from the app and the user's files.
 * Implementations are thread-safe; calls into one worker are serialized.
 */
public interface Sandbox extends AutoCloseable {

    /**
     * Compiles and loads a module's code and keeps it, so it is loaded again after a restart.
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

    /** How well the functions are kept away from the rest of the machine. */
    Isolation isolation();

    @Override
    void close();
}
