package io.toolsmith.ui.functions;

import io.toolsmith.util.UserFacingException;
import java.util.List;

/**
 * Seam to the engine's function library (versions, approvals, sandbox for examples).
 * Blocking methods are called on the background executor; failures are
 * {@link io.toolsmith.util.UserFacingException}s with a sentence.
 */
public interface FunctionCatalog {

    /** Every function the library knows, in a stable order. */
    List<FunctionEntry> list() throws UserFacingException;

    /** Pins the current code and spec; {@code allowNetwork} grants network access to the sandbox. */
    void approve(String functionId, boolean allowNetwork) throws UserFacingException;

    void reject(String functionId) throws UserFacingException;

    /** Withdraws an approval: the function is pending again and no longer runs. */
    void revoke(String functionId) throws UserFacingException;

    /** Runs the spec's examples in the sandbox and returns what each gave. */
    List<ExampleResult> tryExamples(String functionId) throws UserFacingException;

    /** Asks the model to write the missing spec; the new spec arrives as a change. */
    void askForSpec(String functionId) throws UserFacingException;

    /**
     * Whether "may use the network" starts ticked when a function that uses the network is shown for
     * approval (the sandbox setting "network default"). Read on the FX thread; must not block.
     */
    default boolean networkByDefault() {
        return false;
    }

    /**
     * Registers a callback for any change in the library (a new version, an approval elsewhere);
     * called on any thread. Returns a handle that unregisters it.
     */
    Runnable onChange(Runnable listener);
}
