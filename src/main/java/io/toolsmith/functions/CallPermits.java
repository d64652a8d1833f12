package io.toolsmith.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.functions.CallPermit.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What may run: the permit for one call by the model, the approved modules the sandbox loads, and the specs offered
 * to the model. Not thread-safe; {@link FunctionLibrary} serializes.
 */
final class CallPermits {
    private final LibraryFolder folder;
    /** Every listed function, for naming the approved ones when the model calls one that does not exist. */
    private final Supplier<List<FunctionEntry>> listing;

    CallPermits(LibraryFolder folder, Supplier<List<FunctionEntry>> listing) {
        this.folder = folder;
        this.listing = listing;
    }

    CallPermit permit(String function) {
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
        List<String> approved = listing.get().stream().filter(e -> e.status() == FunctionStatus.APPROVED)
                .map(FunctionEntry::name).sorted().toList();
        return "No function named " + function + " exists, so nothing was run. "
                + (approved.isEmpty() ? "No functions are available yet; write one with its function_spec if "
                + "the user wants one." : "The available functions are: " + String.join(", ", approved) + ".");
    }

    List<ApprovedModule> approvedModules() {
        List<ApprovedModule> modules = new ArrayList<>();
        for (ModuleDir module : folder.modules()) {
            approved(module).ifPresent(modules::add);
        }
        return modules;
    }

    Optional<ApprovedModule> approvedModule(String moduleName) {
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

    List<ObjectNode> approvedSpecs() {
        return listing.get().stream().filter(e -> e.status() == FunctionStatus.APPROVED).map(FunctionEntry::spec)
                .filter(spec -> !SpecValidator.isPrivate(spec.path("name").asText(""))).toList();
    }
}
