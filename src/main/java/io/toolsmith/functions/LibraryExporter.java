package io.toolsmith.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.AtomicFiles;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes the approved part of the library as plain files: {@code DIR/<module>/code.py} and its approved specs. */
public final class LibraryExporter {
    private final FunctionLibrary library;

    public LibraryExporter(FunctionLibrary library) {
        this.library = library;
    }

    /** Returns the number of functions exported. */
    public int export(Path dir) throws UserFacingException {
        List<FunctionEntry> approved = library.list().stream()
                .filter(e -> e.status() == FunctionStatus.APPROVED).toList();
        try {
            for (ApprovedModule module : library.approvedModules()) {
                AtomicFiles.writeString(dir.resolve(module.module()).resolve(ModuleDir.CODE), module.code());
            }
            for (FunctionEntry entry : approved) {
                ObjectNode spec = entry.spec();
                AtomicFiles.writeString(dir.resolve(entry.module()).resolve(entry.name() + ModuleDir.SPEC_SUFFIX),
                        ModuleDir.specText(spec));
            }
        } catch (IOException e) {
            throw new UserFacingException("The library could not be exported to " + dir + " (" + e.getMessage()
                    + "); check that the folder is writable.", e);
        }
        return approved.size();
    }
}
