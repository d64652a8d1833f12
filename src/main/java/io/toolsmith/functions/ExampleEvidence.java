package io.toolsmith.functions;

import io.toolsmith.util.UserFacingException;
import java.io.IOException;

/**
 * Whether a function is tested: the outcome of its examples kept under the hash of the code and spec they ran on
 * ({@link ExampleRecords}). Not thread-safe; {@link FunctionLibrary} serializes.
 */
final class ExampleEvidence {
    private final LibraryFolder folder;

    ExampleEvidence(LibraryFolder folder) {
        this.folder = folder;
    }

    String examplesHash(String name) throws UserFacingException {
        return hash(FunctionLookup.existing(folder, name));
    }

    private static String hash(FunctionState state) {
        return state.code() == null || state.specSha256() == null ? null
                : Hashes.sha256(Hashes.sha256(state.code()) + "\n" + state.specSha256());
    }

    void record(String name, String hash, boolean passed, int examples) throws UserFacingException {
        FunctionState state = FunctionLookup.existing(folder, name);
        if (hash == null || !hash.equals(hash(state))) {
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

    boolean tested(String name) {
        try {
            String now = examplesHash(name);
            return now != null && folder.locate(name)
                    .flatMap(m -> ExampleRecords.passedHash(m, name)).filter(now::equals).isPresent();
        } catch (UserFacingException e) {
            return false;
        }
    }
}
