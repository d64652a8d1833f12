package io.toolsmith.functions;

import io.toolsmith.util.UserFacingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the reviewer sees of one function: spec, code, the checks made without running it, the diff against the
 * approved version, and what they may do with it. Not thread-safe; {@link FunctionLibrary} serializes.
 */
final class FunctionReviews {
    private final LibraryFolder folder;
    private final ExampleEvidence evidence;
    private final SpecValidator specValidator = new SpecValidator();

    FunctionReviews(LibraryFolder folder, ExampleEvidence evidence) {
        this.folder = folder;
        this.evidence = evidence;
    }

    Review review(String name) throws UserFacingException {
        FunctionState state = FunctionLookup.existing(folder, name);
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
        return new Review(state.entry(), state.code(), state.spec(), analysis, checks, diff(state),
                evidence.tested(name));
    }

    /** A unified diff of code and spec against the approved version; empty unless the function changed. */
    String diff(String name) {
        return folder.locate(name).map(m -> diff(folder.state(m, name))).orElse("");
    }

    private static String diff(FunctionState state) {
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

    Set<FunctionAction> actions(String name) {
        return folder.locate(name).map(m -> folder.state(m, name))
                .map(s -> FunctionActions.allowed(s.status(), s.code() != null, s.spec() != null))
                .orElse(Set.of());
    }

    List<String> parameterNames(String function) {
        return folder.locate(function).map(m -> folder.state(m, function))
                .flatMap(s -> s.analysis() == null ? Optional.empty() : s.analysis().function(function))
                .map(f -> f.params().stream().filter(p -> !p.isVariadic()).map(CodeAnalysis.Param::name).toList())
                .orElse(List.of());
    }
}
