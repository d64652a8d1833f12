package io.toolsmith.functions;

import io.toolsmith.util.UserFacingException;

/** Finds a listed function's state, or says that there is none. Not thread-safe; {@link FunctionLibrary} serializes. */
final class FunctionLookup {
    private FunctionLookup() {
    }

    static FunctionState existing(LibraryFolder folder, String name) throws UserFacingException {
        ModuleDir module = folder.locate(name).orElseThrow(() ->
                new UserFacingException("No function named " + name + " exists; 'toolsmith functions list' shows them."));
        return folder.state(module, name);
    }
}
