package io.toolsmith.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.util.List;

/**
 * What enters the library: code blocks (a new module, or a new version of the module that defines one of their
 * functions) and specs, with the version numbering of 0003. Not thread-safe; {@link FunctionLibrary} serializes.
 */
final class LibraryAdditions {
    private final LibraryFolder folder;

    LibraryAdditions(LibraryFolder folder) {
        this.folder = folder;
    }

    List<String> addCode(String pythonCode) throws UserFacingException {
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

    String addSpec(ObjectNode spec) throws UserFacingException {
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
            ApprovalDecisions.save(module, approvals);
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

    FunctionLibrary.Added addFromChat(String pythonCode) throws UserFacingException {
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
            ApprovalDecisions.save(module, approvals);
            stored = false;
        }
        return new FunctionLibrary.Added(names, stored);
    }
}
