package io.toolsmith.ui.setup;

import io.toolsmith.llm.PullProgress;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.UserFacingException;
import java.util.function.Consumer;

/**
 * Seam to the model server's download ("pull"). Blocking: called on the background executor; progress
 * arrives on that thread. A cancelled download keeps what it fetched, so a later one resumes.
 */
public interface ModelDownloads {

    /** {@code progress} hears each of the server's progress lines, on the downloading thread. */
    void pull(String model, Consumer<PullProgress> progress, Cancellation cancel) throws UserFacingException;

    /** For back ends that cannot download models. */
    static ModelDownloads unsupported() {
        return (model, progress, cancel) -> {
            throw new UserFacingException("This model server cannot download models from Toolsmith. Install "
                    + model + " with the server's own tools, then press Retry.");
        };
    }
}
