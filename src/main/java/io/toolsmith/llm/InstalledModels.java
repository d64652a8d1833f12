package io.toolsmith.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The server's models with what each can do. Servers that send capabilities with the list are asked once; for the
 * others each model's details are asked for. Blocking.
 */
public final class InstalledModels {
    private InstalledModels() {
    }

    public static List<ModelInfo> list(ChatBackend backend) throws LlmException {
        List<ModelInfo> described = new ArrayList<>();
        for (ModelInfo model : backend.listModels()) {
            described.add(model.capabilities().isEmpty() ? model.withCapabilities(shown(backend, model.name())) : model);
        }
        return described;
    }

    private static Set<String> shown(ChatBackend backend, String model) {
        try {
            ModelDetails details = backend.showModel(model);
            return details == null ? Set.of() : details.capabilities();
        } catch (LlmException e) {
            // A model whose details cannot be read is still listed, without capabilities.
            return Set.of();
        }
    }
}
