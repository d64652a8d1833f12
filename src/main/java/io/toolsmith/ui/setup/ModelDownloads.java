package io.toolsmith.ui.setup;

import io.toolsmith.util.Cancellation;
import io.toolsmith.util.UserFacingException;
import java.util.function.Consumer;

/**
 * Seam to the model server's download ("pull"). Blocking: called on the background executor; progress
 * arrives on that thread. A cancelled download keeps what it fetched, so a later one resumes.
 */
public interface ModelDownloads {

    void pull(String model, Consumer<Progress> progress, Cancellation cancel) throws UserFacingException;

    /** A progress line: what the server is doing, and bytes of the current layer (0 when unknown). */
    record Progress(String status, long total, long completed) {
    }

    /** For back ends that cannot download models. */
    static ModelDownloads unsupported() {
        return (model, progress, cancel) -> {
            throw new UserFacingException("This model server cannot download models from Toolsmith. Install "
                    + model + " with the server's own tools, then press Retry.");
        };
    }
}
