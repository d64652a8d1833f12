package io.toolsmith.ui.functions;

import io.toolsmith.functions.CallPolicy;
import io.toolsmith.functions.ExampleRunState;
import io.toolsmith.functions.ExampleRunner;
import io.toolsmith.functions.FunctionVersion;
import io.toolsmith.functions.Review;
import io.toolsmith.util.UserFacingException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Seam to the engine's function library (versions, approvals, sandbox for examples).
 * Blocking methods are called on the background executor; failures are
 * {@link io.toolsmith.util.UserFacingException}s with a sentence.
 */
public interface FunctionCatalog {

    /** Every function the library knows, each with its code, spec and checks, in a stable order. */
    List<Review> list() throws UserFacingException;

    /** Pins the current code and spec; {@code allowNetwork} grants network access to the sandbox. */
    void approve(String functionId, boolean allowNetwork) throws UserFacingException;

    void reject(String functionId) throws UserFacingException;

    /** Withdraws an approval: the function is pending again and no longer runs. */
    void revoke(String functionId) throws UserFacingException;

    /**
     * Deletes a function: no longer listed, offered or run; {@link #undelete} brings it back as it was.
     * Returns the sentence that tells the user what happened.
     */
    default String delete(String functionId) throws UserFacingException {
        throw new UserFacingException("Deleting functions is not available here.");
    }

    /** Brings back the function deleted last under this id. */
    default void undelete(String functionId) throws UserFacingException {
        throw new UserFacingException("Bringing back deleted functions is not available here.");
    }

    /**
     * Stores Python code the user picked in the chat ("Add to library") as a function waiting for review;
     * returns the sentence that tells the user what was added.
     */
    default String addToLibrary(String pythonCode) throws UserFacingException {
        throw new UserFacingException("Adding code to the library is not available here.");
    }

    /**
     * Imports hand-written Python files as functions waiting for review (as {@code toolsmith functions import}
     * does); returns the sentence saying what was imported from each file, and why a file was not.
     */
    default String importFiles(List<java.nio.file.Path> files) throws UserFacingException {
        throw new UserFacingException("Importing functions is not available here.");
    }

    /**
     * Writes the approved functions into {@code folder} (one folder per module with its code and specs, as
     * {@code toolsmith functions export} does); returns the sentence saying what was written.
     */
    default String export(java.nio.file.Path folder) throws UserFacingException {
        throw new UserFacingException("Exporting functions is not available here.");
    }

    /** Every stored version of the function, oldest first; empty where versions are not kept. */
    default List<FunctionVersion> versions(String functionId) throws UserFacingException {
        return List.of();
    }

    /** A unified diff of code and spec from version {@code from} to the function as it is now. */
    default String diffToCurrent(String functionId, int from) throws UserFacingException {
        return "";
    }

    /** Makes version {@code number} current again; returns the sentence saying whether it runs without approval. */
    default String rollback(String functionId, int number) throws UserFacingException {
        throw new UserFacingException("Going back to an earlier version is not available here.");
    }

    /** Sets whether calls run at once or ask; null goes back to the default for the function's effects. */
    default void setPolicy(String functionId, CallPolicy policy) throws UserFacingException {
        throw new UserFacingException("Changing when a function asks is not available here.");
    }

    /** Runs the spec's examples on a copy of the data folder: what each gave, and what the copy left out. */
    ExampleRunner.Trial tryExamples(String functionId) throws UserFacingException;

    /**
     * Starts a run of the spec's examples on a copy of the data folder (Try), cancelling one under way; returns at
     * once. Its progress and outcome arrive through {@link #onExampleRun}, as do those of the runs a change of a
     * function's code or spec starts by itself.
     */
    default void startExamples(String functionId) throws UserFacingException {
        throw new UserFacingException("Running examples is not available here.");
    }

    /** Stops the function's run of its examples, if one is under way; its end arrives through {@link #onExampleRun}. */
    default void cancelExamples(String functionId) {
    }

    /** The function's latest run of its examples since the window opened, if any. Read on the FX thread; must not block. */
    default Optional<ExampleRunState> exampleRun(String functionId) {
        return Optional.empty();
    }

    /** Registers a callback for every change of a run of examples; called on any thread. Returns a handle that removes it. */
    default Runnable onExampleRun(Consumer<ExampleRunState> listener) {
        return () -> { };
    }

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
