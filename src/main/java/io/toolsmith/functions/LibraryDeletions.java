package io.toolsmith.functions;

import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.util.Optional;

/**
 * Delete and undelete (0003): the last function of a module takes the module folder into the trash; one of several is
 * only marked deleted in approval.json, since the module's code is shared. Not thread-safe; {@link FunctionLibrary}
 * serializes.
 */
final class LibraryDeletions {
    private final LibraryFolder folder;
    private final LibraryTrash trash;

    LibraryDeletions(LibraryFolder folder, LibraryTrash trash) {
        this.folder = folder;
        this.trash = trash;
    }

    FunctionLibrary.Deleted delete(String name) throws UserFacingException {
        FunctionState state = FunctionLookup.existing(folder, name);
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
        return new FunctionLibrary.Deleted(name, module.name(), !others);
    }

    void undelete(String name) throws UserFacingException {
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
}
