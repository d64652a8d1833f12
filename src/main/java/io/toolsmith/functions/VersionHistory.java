package io.toolsmith.functions;

import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stored versions of one function's module: listing them, diffing two of them, and making an older one
 * current again. Not thread-safe; {@link FunctionLibrary} serializes access.
 */
final class VersionHistory {
    private final LibraryFolder folder;

    VersionHistory(LibraryFolder folder) {
        this.folder = folder;
    }

    List<FunctionVersion> list(FunctionState state) {
        ModuleDir module = state.module();
        String name = state.name();
        String codeSha = Hashes.sha256(state.code());
        int newest = module.currentVersion();
        List<FunctionVersion> versions = new ArrayList<>();
        for (int n : module.versionNumbers()) {
            String versionCodeSha = Hashes.sha256(module.versionCode(n).orElse(null));
            String versionSpecSha = Hashes.sha256(module.versionSpec(n, name).orElse(null));
            boolean current = n == newest && Objects.equals(versionCodeSha, codeSha)
                    && Objects.equals(versionSpecSha, state.specSha256());
            versions.add(new FunctionVersion(n, module.versionTime(n),
                    Hashes.sha256(versionCodeSha + "\n" + versionSpecSha),
                    decision(state.approval(), versionCodeSha, versionSpecSha), current, versionSpecSha != null));
        }
        return versions;
    }

    private static String decision(FunctionApproval approval, String codeSha, String specSha) {
        return approval != null && approval.madeOn(codeSha, specSha) ? approval.decision() : FunctionVersion.UNDECIDED;
    }

    /** A unified diff of code and the function's spec from version {@code from} to {@code to} (null: as it is now). */
    String diff(FunctionState state, int from, Integer to) throws UserFacingException {
        ModuleDir module = state.module();
        String name = state.name();
        String oldCode = module.versionCode(existing(state, from)).orElse("");
        String oldSpec = module.versionSpec(from, name).orElse("");
        String newLabel = to == null ? "current" : "v" + existing(state, to);
        String newCode = to == null ? Objects.requireNonNullElse(state.code(), "") : module.versionCode(to).orElse("");
        String newSpec = to == null ? module.specTexts().getOrDefault(name, "") : module.versionSpec(to, name).orElse("");
        return Diffs.unified("v" + from + "/code.py", oldCode, newLabel + "/code.py", newCode)
                + Diffs.unified("v" + from + "/" + name + ".spec.json", oldSpec,
                newLabel + "/" + name + ".spec.json", newSpec);
    }

    /**
     * Makes version {@code number}'s code and specs the module's current ones, stored as a new version (a rollback
     * is a change like any other). Whether the function may run afterwards follows from the hashes alone: it is
     * approved again exactly when the restored code and spec are the ones the user approved.
     */
    int rollback(FunctionState state, int number) throws UserFacingException {
        ModuleDir module = state.module();
        String name = state.name();
        existing(state, number);
        String code = module.versionCode(number).orElseThrow(() -> new UserFacingException("Version " + number
                + " of " + name + " holds no code, so there is nothing to go back to."));
        Map<String, String> specs = module.versionSpecTexts(number);
        if (code.equals(state.code()) && Objects.equals(specs.get(name), module.specTexts().get(name))) {
            throw new UserFacingException(name + " is already as in version " + number + "; nothing was changed.");
        }
        CodeAnalysis analysis = folder.analyzeStrictly(code);
        try {
            module.writeCode(code);
            module.writeAnalysis(Hashes.sha256(code), analysis);
            for (var spec : specs.entrySet()) {
                module.writeSpecText(spec.getKey(), spec.getValue());
            }
            return module.snapshot();
        } catch (IOException e) {
            throw new UserFacingException(name + " could not be rolled back to version " + number + ": "
                    + e.getMessage() + ". Check the permissions of " + module.dir() + ".", e);
        }
    }

    private static int existing(FunctionState state, int number) throws UserFacingException {
        List<Integer> numbers = state.module().versionNumbers();
        if (!numbers.contains(number)) {
            throw new UserFacingException(state.name() + " has no version " + number + "; its versions are "
                    + (numbers.isEmpty() ? "none" : numbers.toString().replaceAll("[\\[\\]]", "")) + " ('toolsmith "
                    + "functions versions " + state.name() + "' lists them).");
        }
        return number;
    }
}
