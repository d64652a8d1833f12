package io.toolsmith.ui.engine;

import io.toolsmith.app.ScratchExampleExecutor;
import io.toolsmith.app.Engine;
import io.toolsmith.functions.CallPolicy;
import io.toolsmith.functions.ExampleRunState;
import io.toolsmith.functions.ExampleRunner;
import io.toolsmith.functions.ExampleRuns;
import io.toolsmith.functions.FunctionVersion;
import io.toolsmith.functions.FunctionImporter;
import io.toolsmith.functions.FunctionLibrary;
import io.toolsmith.functions.LibraryExporter;
import io.toolsmith.functions.Review;
import io.toolsmith.ui.functions.FunctionCatalog;
import io.toolsmith.util.UserFacingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The Functions tab over the engine's library. Each function is its own entry (id = its name, which is
 * unique in the library). Examples run on a scratch copy of the data folder, never on the real one.
 * "Ask for the spec" hands a sentence to the chat the user is looking at, through {@link #askInChat}. A change of a
 * function's code or spec runs its examples by itself ({@link ExampleRuns}), as the settings allow.
 * Blocking; background executor only, except the runs' state, which is read from memory.
 */
public final class EngineFunctions implements FunctionCatalog, AutoCloseable {
    private final Engine engine;
    private final FunctionLibrary library;
    private final ChangeSignal changes;
    private final ExampleRuns examples;
    /** Where runs of the examples make their scratch copies; what a killed app left there goes at the first run. */
    private final Path scratchFolder;
    private final AtomicBoolean leftoversRemoved = new AtomicBoolean();
    private volatile Consumer<String> askInChat = text -> {
        throw new IllegalStateException("no chat to ask in");
    };

    EngineFunctions(Engine engine, ChangeSignal changes) {
        this.engine = engine;
        this.library = engine.library();
        this.changes = changes;
        this.scratchFolder = engine.home().root().resolve("cache").resolve("try");
        this.examples = new ExampleRuns(library, this::openScratch, () -> engine.settings().runExamplesOnChange());
        changes.add(examples::libraryChanged);
        examples.onChange(state -> {
            if (state.phase() == ExampleRunState.Phase.DONE) {
                changes.fire(); // the run marked the function tested, or no longer tested: the list shows it
            }
        });
    }

    private ScratchExampleExecutor openScratch() {
        if (leftoversRemoved.compareAndSet(false, true)) {
            ScratchExampleExecutor.removeLeftovers(scratchFolder);
        }
        return new ScratchExampleExecutor(engine.sandboxSettings(), engine.dataFolder(), engine.snapshots().quota(),
                scratchFolder);
    }

    /** Where "Ask for the spec" sends its sentence: the shown chat's composer (called on any thread). */
    public void setAskInChat(Consumer<String> askInChat) {
        this.askInChat = askInChat;
    }

    @Override
    public List<Review> list() throws UserFacingException {
        List<Review> reviews = new ArrayList<>();
        for (var f : library.list()) {
            reviews.add(library.review(f.name()));
        }
        return reviews;
    }

    @Override
    public void approve(String functionId, boolean allowNetwork) throws UserFacingException {
        library.approve(functionId, allowNetwork);
        changes.fire();
    }

    @Override
    public void reject(String functionId) throws UserFacingException {
        library.reject(functionId);
        changes.fire();
    }

    @Override
    public void revoke(String functionId) throws UserFacingException {
        library.revoke(functionId);
        changes.fire();
    }

    @Override
    public String delete(String functionId) throws UserFacingException {
        FunctionLibrary.Deleted deleted = library.delete(functionId);
        changes.fire();
        // the module named as its file: a module and a function often share a name
        return "Deleted " + deleted.function() + (deleted.wholeModule() ? "." : "; the other functions of "
                + deleted.module() + ".py stay.");
    }

    @Override
    public void undelete(String functionId) throws UserFacingException {
        library.undelete(functionId);
        changes.fire();
    }

    @Override
    public List<FunctionVersion> versions(String functionId) throws UserFacingException {
        return library.versions(functionId);
    }

    @Override
    public String diffToCurrent(String functionId, int from) throws UserFacingException {
        return library.diff(functionId, from, null);
    }

    @Override
    public String rollback(String functionId, int number) throws UserFacingException {
        String sentence = library.rollback(functionId, number).sentence();
        changes.fire();
        return sentence;
    }

    @Override
    public void setPolicy(String functionId, CallPolicy policy) throws UserFacingException {
        library.setPolicy(functionId, policy);
        changes.fire();
    }

    @Override
    public String addToLibrary(String pythonCode) throws UserFacingException {
        FunctionLibrary.Added added = library.addFromChat(pythonCode);
        changes.fire();
        List<String> parts = new ArrayList<>();
        for (String name : added.functions()) {
            parts.add(name + library.find(name).map(f -> " (" + f.status().label() + ")").orElse(""));
        }
        String names = String.join(", ", parts);
        boolean several = parts.size() > 1;
        String them = several ? "them" : "it";
        return added.alreadyStored()
                ? "This code is already in the library: " + names + ". Review " + them + " in the Functions tab."
                : "Added " + names + " to the library. Review " + them + " in the Functions tab; nothing runs until "
                + "you approve " + them + ".";
    }

    /** Each file as {@code toolsmith functions import} takes it: one that fails does not stop the others. */
    @Override
    public String importFiles(List<Path> files) throws UserFacingException {
        FunctionImporter importer = new FunctionImporter(library, engine.analyzer());
        List<String> imported = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Path file : files) {
            try {
                imported.add(String.join(", ", importer.importFile(file)) + " from " + file.getFileName());
            } catch (UserFacingException e) {
                failed.add(e.getMessage());
            }
        }
        if (!imported.isEmpty()) {
            changes.fire();
        }
        if (imported.isEmpty()) {
            throw new UserFacingException(String.join(" ", failed));
        }
        String sentence = "Imported " + String.join("; ", imported) + ". Review before approving: nothing runs until"
                + " you approve it.";
        return failed.isEmpty() ? sentence : sentence + " " + String.join(" ", failed);
    }

    @Override
    public String export(Path folder) throws UserFacingException {
        int count = new LibraryExporter(library).export(folder);
        return count == 0 ? "No function is approved yet, so nothing was exported."
                : "Exported " + count + " approved function" + (count == 1 ? "" : "s") + " to " + folder + ".";
    }

    @Override
    public ExampleRunner.Trial tryExamples(String functionId) throws UserFacingException {
        try (ScratchExampleExecutor scratch = new ScratchExampleExecutor(engine.sandboxSettings(), engine.dataFolder(),
                engine.snapshots().quota())) {
            return new ExampleRunner(library, scratch).trial(functionId);
        } finally {
            // A run of the examples marks the function tested, or no longer tested: the list shows it.
            changes.fire();
        }
    }

    @Override
    public void startExamples(String functionId) throws UserFacingException {
        if (library.find(functionId).isEmpty()) { // said now, not as a run that failed
            throw new UserFacingException("No function named " + functionId + " exists any more; it was deleted.");
        }
        examples.start(functionId);
    }

    @Override
    public void cancelExamples(String functionId) {
        examples.cancel(functionId);
    }

    @Override
    public Optional<ExampleRunState> exampleRun(String functionId) {
        return examples.state(functionId);
    }

    @Override
    public Runnable onExampleRun(Consumer<ExampleRunState> listener) {
        return examples.onChange(listener);
    }

    /** Completes once the runs of examples have read the library's first state (see {@link ExampleRuns#baselineRead}). */
    java.util.concurrent.CompletableFuture<Void> examplesBaselineRead() {
        return examples.baselineRead();
    }

    /** Cancels the runs of examples under way and removes their scratch copies (window closing). */
    @Override
    public void close() {
        examples.close();
    }

    @Override
    public void askForSpec(String functionId) {
        askInChat.accept("Write the function_spec for " + functionId + ".");
    }

    @Override
    public Runnable onChange(Runnable listener) {
        return changes.add(listener);
    }

    @Override
    public boolean networkByDefault() {
        return engine.settings().sandboxNetworkDefault();
    }
}
