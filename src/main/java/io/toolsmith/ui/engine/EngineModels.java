package io.toolsmith.ui.engine;

import io.toolsmith.llm.ChatBackend;
import io.toolsmith.llm.LlmException;
import io.toolsmith.llm.ModelDetails;
import io.toolsmith.llm.OllamaClient;
import io.toolsmith.ui.setup.OllamaHelp;
import io.toolsmith.ui.window.ModelCapability;
import io.toolsmith.ui.window.ModelCatalog;
import io.toolsmith.ui.window.ModelInfo;
import io.toolsmith.util.UserFacingException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The model picker over the engine's backend. Capabilities come with the model list on servers that send
 * them, else from one show request per model. Blocking; background executor only.
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
        List<io.toolsmith.llm.ModelInfo> installed;
        try {
            installed = backend.listModels();
        } catch (LlmException e) {
            if (e.kind() == LlmException.Kind.UNREACHABLE && backend instanceof OllamaClient) {
                throw new UserFacingException(e.getMessage() + " " + OllamaHelp.installHint(), e);
            }
            throw e;
        }
        List<ModelInfo> result = new ArrayList<>();
        for (io.toolsmith.llm.ModelInfo model : installed) {
            Set<String> capabilities = model.capabilities().isEmpty() ? shown(backend, model.name()) : model.capabilities();
            result.add(new ModelInfo(model.name(), details(model), badges(capabilities)));
        }
        return result;
    }

    /** Ollama's advice (the download button, {@code ollama pull}) only when Ollama is the server. */
    @Override
    public String noModelsSentence() {
        ChatBackend current = backend.get();
        return current instanceof OllamaClient ? ModelCatalog.super.noModelsSentence()
                : current.noModelsHint() + " Then press Retry.";
    }

    private static Set<String> shown(ChatBackend backend, String model) {
        try {
            ModelDetails details = backend.showModel(model);
            return details == null ? Set.of() : details.capabilities();
        } catch (LlmException e) {
            // A model whose details cannot be read is still listed, without badges.
            return Set.of();
        }
    }

    private static String details(io.toolsmith.llm.ModelInfo model) {
        List<String> parts = new ArrayList<>();
        if (model.parameterSize() != null && !model.parameterSize().isBlank()) {
            parts.add(model.parameterSize());
        }
        if (model.quantization() != null && !model.quantization().isBlank()) {
            parts.add(model.quantization());
        }
        return String.join(", ", parts);
    }

    static Set<ModelCapability> badges(Set<String> capabilities) {
        Set<ModelCapability> badges = EnumSet.noneOf(ModelCapability.class);
        for (String c : capabilities) {
            switch (c.toLowerCase(java.util.Locale.ROOT)) {
                case "vision" -> badges.add(ModelCapability.VISION);
                case "tools" -> badges.add(ModelCapability.TOOLS);
                case "thinking" -> badges.add(ModelCapability.THINKING);
                default -> {
                    // completion, embedding, insert: not shown
                }
            }
        }
        return badges;
    }

    @Override
    public String host() {
        return backend.get().endpoint();
    }
}
