package io.toolsmith.ui.fakes;

import io.toolsmith.llm.ModelInfo;
import io.toolsmith.ui.window.ModelCatalog;
import io.toolsmith.util.UserFacingException;
import java.util.List;
import java.util.Set;

/** A model list that can be switched between "server down", "no models" and a few models. */
public final class FakeModelCatalog implements ModelCatalog {
    public volatile boolean reachable = true;
    public volatile List<ModelInfo> models = List.of(model("gemma3:12b", "12B", "completion", "vision"),
            model("qwen3:8b", "8B", "completion", "tools", "thinking"));

    public static ModelInfo model(String name, String size, String... capabilities) {
        return new ModelInfo(name, 0, null, null, size, null, Set.of(capabilities));
    }

    @Override
    public List<ModelInfo> models() throws UserFacingException {
        if (!reachable) {
            throw new UserFacingException("Ollama is not running at http://127.0.0.1:11434. Start it with"
                    + " `ollama serve`, then press Retry.");
        }
        return models;
    }

    @Override
    public String host() {
        return "http://127.0.0.1:11434";
    }
}
