package io.toolsmith.ui.engine;

import io.toolsmith.llm.ChatBackend;
import io.toolsmith.llm.OllamaClient;
import io.toolsmith.llm.PullProgress;
import io.toolsmith.ui.setup.ModelDownloads;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.UserFacingException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Model downloads through Ollama's pull; other back ends cannot download. Blocking; background executor only. */
public final class EngineDownloads implements ModelDownloads {
    private final Supplier<ChatBackend> backend;

    EngineDownloads(Supplier<ChatBackend> backend) {
        this.backend = backend;
    }

    @Override
    public void pull(String model, Consumer<PullProgress> progress, Cancellation cancel) throws UserFacingException {
        if (!(backend.get() instanceof OllamaClient ollama)) {
            ModelDownloads.unsupported().pull(model, progress, cancel);
            return;
        }
        ollama.pull(model, progress::accept, cancel);
    }
}
