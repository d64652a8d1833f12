package io.toolsmith.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.UserFacingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The on-disk library of Python functions: one module per code block, a spec per function, the user's decisions
 * pinned to SHA-256 hashes of code and spec (any change invalidates them), and every version kept. This class is the
 * one door to it; the work is done by one class per concern: {@link LibraryAdditions} (what enters),
 * {@link ApprovalDecisions}, {@link LibraryDeletions}, {@link VersionHistory}, {@link CallPermits} (what may run),
 * {@link FunctionReviews} and {@link ExampleEvidence} (tested or not).
 *
 * <p>Thread-safe: every public method is synchronized and files are written atomically, so the window and the
 * conversation loop share one instance. Another process (the CLI) sees every written file, but two processes
 * deciding on the same module at the same instant could each rewrite approval.json from what they read.
 * Status is computed from the files on every call, so edits by hand or by another process are never missed.
 */
public final class FunctionLibrary {
    private final LibraryFolder folder;
    private final VersionHistory history;
    private final LibraryAdditions additions;
    private final ApprovalDecisions decisions;
    private final LibraryDeletions deletions;
    private final CallPermits permits;
    private final ExampleEvidence evidence;
    private final FunctionReviews reviews;

    public FunctionLibrary(Path functionsDir, PythonAnalyzer analyzer) {
        this.folder = new LibraryFolder(functionsDir, analyzer);
        this.history = new VersionHistory(folder);
        this.additions = new LibraryAdditions(folder);
        this.decisions = new ApprovalDecisions(folder);
        this.deletions = new LibraryDeletions(folder, new LibraryTrash(functionsDir.resolve(".trash"), functionsDir));
        this.permits = new CallPermits(folder, this::listed);
        this.evidence = new ExampleEvidence(folder);
        this.reviews = new FunctionReviews(folder, evidence);
    }

    /**
     * Stores a code block: a new module, or a new version of the module that already defines one of its
     * functions. Returns the public functions it defines (empty, and nothing stored, when it defines none).
     */
    public synchronized List<String> addCode(String pythonCode) throws UserFacingException {
        return additions.addCode(pythonCode);
    }

    /** Stores a spec beside the module whose code defines the function, or as a spec without code. */
    public synchronized String addSpec(ObjectNode spec) throws UserFacingException {
        return additions.addSpec(spec);
    }

    /**
     * Stores code the user chose from the chat ("Add to library"): like {@link #addCode}, and a function of
     * it that the user had deleted from its module is listed again.
     *
     * @throws UserFacingException when the code defines no public function, or cannot be analysed or saved
     */
    public synchronized Added addFromChat(String pythonCode) throws UserFacingException {
        return additions.addFromChat(pythonCode);
    }

    /** What "Add to library" did: the functions of the code, and whether exactly this code was stored already. */
    public record Added(List<String> functions, boolean alreadyStored) {
    }

    /** Public functions a code block defines, without storing anything. */
    public synchronized List<String> definedFunctions(String pythonCode) throws UserFacingException {
        return folder.definedFunctions(pythonCode);
    }

    /** Whether the library holds a spec for this function (deleted functions do not count). */
    public synchronized boolean hasSpec(String name) {
        return folder.locate(name).map(m -> m.specTexts().containsKey(name)).orElse(false);
    }

    public synchronized List<FunctionEntry> list() {
        return listed();
    }

    private List<FunctionEntry> listed() {
        List<FunctionEntry> entries = new ArrayList<>();
        for (ModuleDir module : folder.modules()) {
            for (String name : folder.functionNames(module)) {
                entries.add(folder.state(module, name).entry());
            }
        }
        return entries;
    }

    public synchronized Optional<FunctionEntry> find(String name) {
        return folder.locate(name).map(module -> folder.state(module, name).entry());
    }

    public synchronized void approve(String name, boolean network) throws UserFacingException {
        approve(name, network ? Effects.of(Effect.NETWORK) : Effects.NONE);
    }

    /**
     * Approves the function as it is now, with the effects the checks derive from its code plus {@code granted}:
     * effects the user allows by hand, for code that needs more than the checks can see.
     */
    public synchronized void approve(String name, Effects granted) throws UserFacingException {
        decisions.approve(name, granted);
    }

    public synchronized void reject(String name) throws UserFacingException {
        decisions.reject(name);
    }

    /** Withdraws an approval or rejection; the function is pending again and will not run. */
    public synchronized void revoke(String name) throws UserFacingException {
        decisions.revoke(name);
    }

    /**
     * Deletes a function: it is no longer listed, offered or callable, and every stored version stays so
     * {@link #undelete} brings it back exactly. The last function of a module takes the module folder with it
     * into {@code .trash/}; a function whose module keeps other functions is only marked deleted in
     * approval.json, because the module's code, which still defines it, is shared.
     */
    public synchronized Deleted delete(String name) throws UserFacingException {
        return deletions.delete(name);
    }

    /** A deleted function; {@code wholeModule} when its module folder went to the trash with it. */
    public record Deleted(String function, String module, boolean wholeModule) {
    }

    /** Brings back the function deleted last under this name, with its code, specs, versions and decisions. */
    public synchronized void undelete(String name) throws UserFacingException {
        deletions.undelete(name);
    }

    /** Sets the call policy; null goes back to the default for the function's effects. */
    public synchronized void setPolicy(String name, CallPolicy policy) throws UserFacingException {
        decisions.setPolicy(name, policy);
    }

    /** Every stored version of the function's module, oldest first, with what the user decided on each. */
    public synchronized List<FunctionVersion> versions(String name) throws UserFacingException {
        return history.list(existing(name));
    }

    /**
     * A unified diff of code and spec from version {@code from} to version {@code to}, or to the function as it is
     * now when {@code to} is null; empty when they are the same.
     */
    public synchronized String diff(String name, int from, Integer to) throws UserFacingException {
        return history.diff(existing(name), from, to);
    }

    /**
     * Makes version {@code number} current again, as a new version. The function runs again without a new approval
     * only when the restored code and spec are exactly the approved ones (the hashes decide, as for any change).
     */
    public synchronized RolledBack rollback(String name, int number) throws UserFacingException {
        FunctionState before = existing(name);
        int stored = history.rollback(before, number);
        List<String> others = folder.functionNames(before.module()).stream().filter(n -> !n.equals(name)).toList();
        return new RolledBack(name, number, stored, existing(name).status(), others);
    }

    /** Decides whether a call by the model may run; the sentence explains a refusal to the model. */
    public synchronized CallPermit permit(String function) {
        return permits.permit(function);
    }

    /** Modules with at least one function whose approval still matches code and spec; network if any grants it. */
    public synchronized List<ApprovedModule> approvedModules() {
        return permits.approvedModules();
    }

    /** One module's approved code (see {@link #approvedModules()}), without reading the other modules. */
    public synchronized Optional<ApprovedModule> approvedModule(String moduleName) {
        return permits.approvedModule(moduleName);
    }

    /**
     * The module's current code, approved or not: used only when the user explicitly lets one call to a
     * pending function run once. Empty when the module has no code.
     */
    public synchronized Optional<String> currentCode(String module) {
        return folder.modules().stream().filter(m -> m.name().equals(module)).findFirst().flatMap(ModuleDir::code);
    }

    /** The specs offered to the model; one whose "name" names a private helper is never among them. */
    public synchronized List<ObjectNode> approvedSpecs() {
        return permits.approvedSpecs();
    }

    /** Parameter names of the function's signature (empty when it has no parseable code). */
    public synchronized List<String> parameterNames(String function) {
        return reviews.parameterNames(function);
    }

    /**
     * The hash a run of the examples is kept under: of the code and the spec as they are now, in the form of an
     * approval's hash. Null when the function lacks either.
     */
    public synchronized String examplesHash(String name) throws UserFacingException {
        return evidence.examplesHash(name);
    }

    /**
     * Keeps the outcome of running the function's examples on the code and spec with {@code hash}: a pass marks the
     * function tested while that hash holds; a failure removes an earlier pass. Ignored when the function changed
     * since the examples started (the outcome is about code that is no longer there).
     */
    public synchronized void recordExamples(String name, String hash, boolean passed, int examples)
            throws UserFacingException {
        evidence.record(name, hash, passed, examples);
    }

    /** Whether the function's examples passed on its code and spec as they are now. */
    public synchronized boolean tested(String name) {
        return evidence.tested(name);
    }

    /** What the user may do with the function now ({@link FunctionActions}); nothing for an unknown name. */
    public synchronized Set<FunctionAction> actions(String name) {
        return reviews.actions(name);
    }

    /** Spec, code, checks (computed without running anything) and, when changed, the diff for one function. */
    public synchronized Review review(String name) throws UserFacingException {
        return reviews.review(name);
    }

    /** A unified diff of code and spec against the approved version; empty unless the function changed. */
    public synchronized String diff(String name) {
        return reviews.diff(name);
    }

    private FunctionState existing(String name) throws UserFacingException {
        return FunctionLookup.existing(folder, name);
    }
}
