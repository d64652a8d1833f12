package io.toolsmith.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.functions.CallPermit.Kind;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The on-disk library of Python functions: one module per code block, a spec per function, the user's decisions
 * pinned to SHA-256 hashes of code and spec (any change invalidates them), and every version kept.
 *
 * <p>Thread-safe: every public method is synchronized and files are written atomically, so the window and the
 * conversation loop share one instance. Another process (the CLI) sees every written file, but two processes
 * deciding on the same module at the same instant could each rewrite approval.json from what they read.
 * Status is computed from the files on every call, so edits by hand or by another process are never missed.
 */
public final class FunctionLibrary {
    private final LibraryFolder folder;
    private final SpecValidator specValidator = new SpecValidator();
    private final LibraryTrash trash;
    private final VersionHistory history;

    public FunctionLibrary(Path functionsDir, PythonAnalyzer analyzer) {
        this.folder = new LibraryFolder(functionsDir, analyzer);
        this.trash = new LibraryTrash(functionsDir.resolve(".trash"), functionsDir);
        this.history = new VersionHistory(folder);
    }

    /**
     * Stores a code block: a new module, or a new version of the module that already defines one of its
     * functions. Returns the public functions it defines (empty, and nothing stored, when it defines none).
     */
    public synchronized List<String> addCode(String pythonCode) throws UserFacingException {
        CodeAnalysis analysis = folder.analyzeStrictly(pythonCode);
        List<String> names = analysis.publicFunctions().stream().map(CodeAnalysis.FunctionInfo::name).toList();
        if (names.isEmpty()) {
            return names;
        }
        ModuleDir module = folder.moduleForCode(names);
        if (module.code().filter(pythonCode::equals).isPresent()) {
            return names;
        }
        try {
            module.writeCode(pythonCode);
            module.writeAnalysis(Hashes.sha256(pythonCode), analysis);
            folder.adoptOrphanSpecs(module, names);
            module.snapshot();
        } catch (IOException e) {
            throw new UserFacingException("The code could not be saved in " + module.dir() + ": " + e.getMessage(), e);
        }
        return names;
    }

    /** Stores a spec beside the module whose code defines the function, or as a spec without code. */
    public synchronized String addSpec(ObjectNode spec) throws UserFacingException {
        String name = spec.path("name").asText("");
        if (name.isBlank()) {
            throw new UserFacingException("The function spec has no \"name\", so it was not stored; "
                    + "ask the model to write the spec again with the function's name.");
        }
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new UserFacingException("The function spec names '" + name + "', which is not a valid Python "
                    + "function name, so it was not stored.");
        }
        if (SpecValidator.isPrivate(name)) {
            throw new UserFacingException("The function spec was not stored: " + SpecValidator.privateName(name) + ".");
        }
        ModuleDir module = folder.moduleForSpec(name);
        String text = ModuleDir.specText(spec);
        ApprovalFile approvals = module.approvals();
        if (approvals.deleted().remove(name)) {
            // The model wrote the spec of a function the user deleted: it is meant again, so it is listed again.
            write(module, approvals);
        }
        if (text.equals(module.specTexts().get(name))) {
            return name;
        }
        try {
            module.writeSpec(name, spec);
            int current = module.currentVersion();
            boolean decided = module.approvals().functions().values().stream().anyMatch(a -> a.version() == current);
            module.snapshot(current == 0 || decided ? current + 1 : current);
        } catch (IOException e) {
            throw new UserFacingException("The spec could not be saved in " + module.dir() + ": " + e.getMessage(), e);
        }
        return name;
    }

    /**
     * Stores code the user chose from the chat ("Add to library"): like {@link #addCode}, and a function of
     * it that the user had deleted from its module is listed again.
     *
     * @throws UserFacingException when the code defines no public function, or cannot be analysed or saved
     */
    public synchronized Added addFromChat(String pythonCode) throws UserFacingException {
        List<String> names = folder.definedFunctions(pythonCode);
        if (names.isEmpty()) {
            throw new UserFacingException("This code defines no public function (one whose name does not start "
                    + "with '_'), so there is nothing to add to the library.");
        }
        boolean stored = folder.moduleForCode(names).code().filter(pythonCode::equals).isPresent();
        addCode(pythonCode);
        ModuleDir module = folder.moduleForCode(names);
        ApprovalFile approvals = module.approvals();
        if (approvals.deleted().removeAll(names)) {
            write(module, approvals);
            stored = false;
        }
        return new Added(names, stored);
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
        FunctionState state = existing(name);
        if (state.code() == null) {
            throw new UserFacingException(name + " has a spec but no code yet, so there is nothing to approve.");
        }
        if (state.spec() == null) {
            throw new UserFacingException(name + " has no spec yet; ask the model to write its function_spec, "
                    + "then approve it.");
        }
        CodeAnalysis analysis = folder.analyzeStrictly(state.code());
        if (!analysis.parses()) {
            var error = analysis.syntaxErrors().get(0);
            throw new UserFacingException(name + " cannot be approved: its code has a syntax error at line "
                    + error.line() + " (" + error.message() + "). Ask the model to fix the code.");
        }
        // The approval names what the code may do, as the checks see it now, plus what the user granted by hand;
        // a later change of those effects makes the function "changed" again.
        Effects effects = analysis.effectsOf(name).effects();
        for (Effect effect : granted.list()) {
            effects = effects.plus(effect);
        }
        decide(state, FunctionApproval.APPROVED, effects);
    }

    public synchronized void reject(String name) throws UserFacingException {
        decide(existing(name), FunctionApproval.REJECTED, null);
    }

    /** Withdraws an approval or rejection; the function is pending again and will not run. */
    public synchronized void revoke(String name) throws UserFacingException {
        FunctionState state = existing(name);
        ApprovalFile approvals = state.module().approvals();
        if (approvals.functions().remove(name) == null) {
            throw new UserFacingException(name + " has not been approved or rejected, so there is nothing to revoke.");
        }
        write(state.module(), approvals);
    }

    /**
     * Deletes a function: it is no longer listed, offered or callable, and every stored version stays so
     * {@link #undelete} brings it back exactly. The last function of a module takes the module folder with it
     * into {@code .trash/}; a function whose module keeps other functions is only marked deleted in
     * approval.json, because the module's code, which still defines it, is shared.
     */
    public synchronized Deleted delete(String name) throws UserFacingException {
        FunctionState state = existing(name);
        ModuleDir module = state.module();
        boolean others = folder.functionNames(module).stream().anyMatch(n -> !n.equals(name));
        try {
            if (others) {
                ApprovalFile approvals = module.approvals();
                approvals.deleted().add(name);
                module.writeApprovals(approvals);
            } else {
                trash.put(module, name);
            }
        } catch (IOException e) {
            throw new UserFacingException(name + " could not be deleted: " + e.getMessage()
                    + ". Nothing was changed; check the permissions of " + module.dir() + ".", e);
        }
        return new Deleted(name, module.name(), !others);
    }

    /** A deleted function; {@code wholeModule} when its module folder went to the trash with it. */
    public record Deleted(String function, String module, boolean wholeModule) {
    }

    /** Brings back the function deleted last under this name, with its code, specs, versions and decisions. */
    public synchronized void undelete(String name) throws UserFacingException {
        if (folder.locate(name).isPresent()) {
            throw new UserFacingException(name + " is in the library, so there is nothing to bring back. "
                    + "Delete the current " + name + " first to bring back the older one.");
        }
        Optional<ModuleDir> marked = folder.locateWithDeleted(name)
                .filter(m -> m.approvals().deleted().contains(name));
        try {
            if (marked.isPresent()) {
                ApprovalFile approvals = marked.get().approvals();
                approvals.deleted().remove(name);
                marked.get().writeApprovals(approvals);
                return;
            }
            if (!trash.restore(name)) {
                throw new UserFacingException("No deleted function named " + name + " was found in "
                        + trash.dir() + ", so nothing was brought back.");
            }
        } catch (IOException e) {
            throw new UserFacingException(name + " could not be brought back: " + e.getMessage() + ".", e);
        }
    }

    /** Sets the call policy; null goes back to the default for the function's effects. */
    public synchronized void setPolicy(String name, CallPolicy policy) throws UserFacingException {
        FunctionState state = existing(name);
        ApprovalFile approvals = state.module().approvals();
        if (policy == null) {
            approvals.policies().remove(name);
        } else {
            approvals.policies().put(name, policy);
        }
        write(state.module(), approvals);
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
        Optional<ModuleDir> module = folder.locate(function);
        if (module.isEmpty()) {
            return new CallPermit(Kind.UNKNOWN, function, null, null, null, unknownFunction(function), null);
        }
        FunctionState state = folder.state(module.get(), function);
        String moduleName = module.get().name();
        Effects effects = state.callEffects();
        return switch (state.status()) {
            case APPROVED -> state.effectivePolicy() == CallPolicy.ASK
                    ? new CallPermit(Kind.ASK, function, moduleName, state.approvalHash(), state.spec(),
                    function + " is approved, but the user confirms each call and could not be asked here, so it "
                            + "was not run.", effects)
                    : new CallPermit(Kind.RUN, function, moduleName, state.approvalHash(), state.spec(), null, effects);
            case CHANGED -> new CallPermit(Kind.CHANGED, function, moduleName, null, state.spec(), function
                    + " was changed since the user approved it; it will not run until the user approves the new version.",
                    effects);
            case REJECTED -> new CallPermit(Kind.REJECTED, function, moduleName, null, state.spec(),
                    "The user rejected the function " + function + ", so it was not run.", effects);
            case NEEDS_CODE -> new CallPermit(Kind.NOT_APPROVED, function, moduleName, null, state.spec(),
                    "The function " + function + " has a spec but no code, so it cannot run.", effects);
            default -> new CallPermit(Kind.NOT_APPROVED, function, moduleName, null, state.spec(),
                    "The function " + function + " has not been approved by the user, so it was not run.", effects);
        };
    }

    /** For the model: the function does not exist, and which do (so it can correct a misspelt name). */
    private String unknownFunction(String function) {
        List<String> approved = list().stream().filter(e -> e.status() == FunctionStatus.APPROVED)
                .map(FunctionEntry::name).sorted().toList();
        return "No function named " + function + " exists, so nothing was run. "
                + (approved.isEmpty() ? "No functions are available yet; write one with its function_spec if "
                + "the user wants one." : "The available functions are: " + String.join(", ", approved) + ".");
    }

    /** Modules with at least one function whose approval still matches code and spec; network if any grants it. */
    public synchronized List<ApprovedModule> approvedModules() {
        List<ApprovedModule> modules = new ArrayList<>();
        for (ModuleDir module : folder.modules()) {
            approved(module).ifPresent(modules::add);
        }
        return modules;
    }

    /** One module's approved code (see {@link #approvedModules()}), without reading the other modules. */
    public synchronized Optional<ApprovedModule> approvedModule(String moduleName) {
        return folder.modules().stream().filter(m -> m.name().equals(moduleName)).findFirst().flatMap(this::approved);
    }

    private Optional<ApprovedModule> approved(ModuleDir module) {
        List<FunctionState> approved = folder.functionNames(module).stream().map(n -> folder.state(module, n))
                .filter(s -> s.status() == FunctionStatus.APPROVED).toList();
        if (approved.isEmpty()) {
            return Optional.empty();
        }
        boolean network = approved.stream().anyMatch(s -> s.callEffects().has(Effect.NETWORK));
        return Optional.of(new ApprovedModule(module.name(), approved.get(0).code(), network));
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
        return list().stream().filter(e -> e.status() == FunctionStatus.APPROVED).map(FunctionEntry::spec)
                .filter(spec -> !SpecValidator.isPrivate(spec.path("name").asText(""))).toList();
    }

    /** Parameter names of the function's signature (empty when it has no parseable code). */
    public synchronized List<String> parameterNames(String function) {
        return folder.locate(function).map(m -> folder.state(m, function))
                .flatMap(s -> s.analysis() == null ? Optional.empty() : s.analysis().function(function))
                .map(f -> f.params().stream().filter(p -> !p.isVariadic()).map(CodeAnalysis.Param::name).toList())
                .orElse(List.of());
    }

    /**
     * The hash a run of the examples is kept under: of the code and the spec as they are now, in the form of an
     * approval's hash. Null when the function lacks either.
     */
    public synchronized String examplesHash(String name) throws UserFacingException {
        FunctionState state = existing(name);
        return state.code() == null || state.specSha256() == null ? null
                : Hashes.sha256(Hashes.sha256(state.code()) + "\n" + state.specSha256());
    }

    /**
     * Keeps the outcome of running the function's examples on the code and spec with {@code hash}: a pass marks the
     * function tested while that hash holds; a failure removes an earlier pass. Ignored when the function changed
     * since the examples started (the outcome is about code that is no longer there).
     */
    public synchronized void recordExamples(String name, String hash, boolean passed, int examples)
            throws UserFacingException {
        FunctionState state = existing(name);
        if (hash == null || !hash.equals(examplesHash(name))) {
            return;
        }
        try {
            if (passed) {
                ExampleRecords.recordPassed(state.module(), name, hash, examples);
            } else {
                ExampleRecords.forget(state.module(), name);
            }
        } catch (IOException e) {
            throw new UserFacingException("The outcome of the examples could not be saved in " + state.module().dir()
                    + " (" + e.getMessage() + "), so it does not count as tested; check that folder's permissions.", e);
        }
    }

    /** Whether the function's examples passed on its code and spec as they are now. */
    public synchronized boolean tested(String name) {
        try {
            String now = examplesHash(name);
            return now != null && folder.locate(name)
                    .flatMap(m -> ExampleRecords.passedHash(m, name)).filter(now::equals).isPresent();
        } catch (UserFacingException e) {
            return false;
        }
    }

    /** What the user may do with the function now ({@link FunctionActions}); nothing for an unknown name. */
    public synchronized Set<FunctionAction> actions(String name) {
        return folder.locate(name).map(m -> folder.state(m, name))
                .map(s -> FunctionActions.allowed(s.status(), s.code() != null, s.spec() != null))
                .orElse(Set.of());
    }

    /** Spec, code, checks (computed without running anything) and, when changed, the diff for one function. */
    public synchronized Review review(String name) throws UserFacingException {
        FunctionState state = existing(name);
        CodeAnalysis analysis = state.code() == null ? null : folder.analyzeStrictly(state.code());
        List<Check> checks = new ArrayList<>();
        if (state.spec() != null) {
            checks.addAll(specValidator.validate(state.spec()));
        }
        checks.addAll(CodeChecks.specAgainstCode(name, state.spec(), analysis));
        if (analysis != null) {
            checks.addAll(CodeChecks.codeChecks(analysis));
            for (String sibling : folder.functionNames(state.module())) {
                if (!sibling.equals(name) && !state.module().specTexts().containsKey(sibling)) {
                    checks.add(Check.warning("", "the same code also defines " + sibling + ", which has no spec"));
                }
            }
        }
        FunctionApproval approval = state.approval();
        if (approval != null && approval.approved() && approval.matches(Hashes.sha256(state.code()), state.specSha256())
                && !approval.covers(state.effects())) {
            checks.add(Check.warning("", "the code is as approved, but the checks now find effects the approval "
                    + "did not name: " + state.effects().minus(approval.approvedEffects(state.effects())).labels()
                    + "; approve again to let it run"));
        }
        return new Review(state.entry(), state.code(), state.spec(), analysis, checks, diff(state), tested(name));
    }

    /** A unified diff of code and spec against the approved version; empty unless the function changed. */
    public synchronized String diff(String name) {
        return folder.locate(name).map(m -> diff(folder.state(m, name))).orElse("");
    }

    private String diff(FunctionState state) {
        if (state.status() != FunctionStatus.CHANGED) {
            return "";
        }
        ModuleDir module = state.module();
        int approved = state.approval().version();
        String name = state.name();
        String code = Diffs.unified("v" + approved + "/code.py", module.versionCode(approved).orElse(""),
                "current/code.py", state.code());
        String spec = Diffs.unified("v" + approved + "/" + name + ".spec.json",
                module.versionSpec(approved, name).orElse(""), "current/" + name + ".spec.json",
                module.specTexts().getOrDefault(name, ""));
        return code + spec;
    }

    private FunctionState existing(String name) throws UserFacingException {
        ModuleDir module = folder.locate(name).orElseThrow(() ->
                new UserFacingException("No function named " + name + " exists; 'toolsmith functions list' shows them."));
        return folder.state(module, name);
    }

    private void decide(FunctionState state, String decision, Effects effects) throws UserFacingException {
        ModuleDir module = state.module();
        ApprovalFile approvals = module.approvals();
        approvals.functions().put(state.name(), new FunctionApproval(decision, Hashes.sha256(state.code()),
                state.specSha256(), Instant.now(), module.currentVersion(),
                effects != null && effects.has(Effect.NETWORK), effects));
        write(module, approvals);
    }

    private static void write(ModuleDir module, ApprovalFile approvals) throws UserFacingException {
        try {
            module.writeApprovals(approvals);
        } catch (IOException e) {
            throw new UserFacingException("The decision could not be saved in " + module.dir() + ": "
                    + e.getMessage(), e);
        }
    }
}
