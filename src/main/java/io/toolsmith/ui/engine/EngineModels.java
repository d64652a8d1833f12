package io.toolsmith.ui.engine;

import io.toolsmith.llm.ChatBackend;
import io.toolsmith.llm.InstalledModels;
import io.toolsmith.llm.LlmException;
import io.toolsmith.llm.ModelInfo;
import io.toolsmith.llm.OllamaClient;
import io.toolsmith.ui.setup.OllamaHelp;
import io.toolsmith.ui.window.ModelCatalog;
import io.toolsmith.util.UserFacingException;
import java.util.List;
import java.util.function.Supplier;

/**
 * The model picker over the engine's backend, which may change in Settings; adds the window's advice (install
 * Ollama, the download button) where the server is Ollama. Blocking; background executor only.
 */
public final class EngineModels implements ModelCatalog {
    private final Supplier<ChatBackend> backend;

    /** {@code backend} is asked each time: the server may change in Settings. */
    EngineModels(Supplier<ChatBackend> backend) {
        this.backend = backend;
    }

    @Override
    public List<ModelInfo> models() throws UserFacingException {
        ChatBackend backend = this.backend.get();
        try {
            return InstalledModels.list(backend);
        } catch (LlmException e) {
            if (e.kind() == LlmException.Kind.UNREACHABLE && backend instanceof OllamaClient) {
                throw new UserFacingException(e.getMessage() + " " + OllamaHelp.installHint(), e);
            }
            throw e;
        }
    }

    /** Ollama's advice (the download button, {@code ollama pull}) only when Ollama is the server. */
    @Override
    public String noModelsSentence() {
        ChatBackend current = backend.get();
        return current instanceof OllamaClient ? ModelCatalog.super.noModelsSentence()
                : current.noModelsHint() + " Then press Retry.";
    }

    @Override
    public String host() {
        return backend.get().endpoint();
    }
}
