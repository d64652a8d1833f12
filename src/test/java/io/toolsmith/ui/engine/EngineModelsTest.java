package io.toolsmith.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.llm.ModelInfo;
import io.toolsmith.llm.OllamaClient;
import io.toolsmith.llm.OpenAiCompatibleClient;
import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.testing.FakeOpenAiServer;
import io.toolsmith.util.UserFacingException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineModelsTest {

    @Test
    void modelsCarryTheirCapabilities() throws Exception {
        try (FakeOllama ollama = FakeOllama.start()) {
            ollama.setModels(FakeModels.Model.of("gemma3:12b", "gemma3", "completion", "vision"),
                    FakeModels.Model.of("qwen3:8b", "qwen3", "completion", "tools", "thinking"));
            List<ModelInfo> models = new EngineModels(() -> new OllamaClient(ollama.url())).models();
            assertEquals(List.of("gemma3:12b", "qwen3:8b"), models.stream().map(ModelInfo::name).toList());
            assertEquals(Set.of("completion", "vision"), models.get(0).capabilities());
            assertEquals(Set.of("completion", "tools", "thinking"), models.get(1).capabilities());
        }
    }

    @Test
    void aServerWithoutModelsIsAdvisedInItsOwnTerms() throws Exception {
        try (FakeOllama ollama = FakeOllama.start(); FakeOpenAiServer server = FakeOpenAiServer.start()) {
            ollama.setModels();
            EngineModels fromOllama = new EngineModels(() -> new OllamaClient(ollama.url()));
            assertTrue(fromOllama.models().isEmpty());
            assertTrue(fromOllama.noModelsSentence().contains("ollama pull gemma3:12b"), fromOllama.noModelsSentence());

            EngineModels fromLlamaServer = new EngineModels(() -> new OpenAiCompatibleClient(server.url(), null));
            assertTrue(fromLlamaServer.models().isEmpty());
            String sentence = fromLlamaServer.noModelsSentence();
            assertTrue(sentence.contains("llama-server -m MODEL.gguf") && sentence.endsWith("Then press Retry."), sentence);
            assertTrue(!sentence.toLowerCase().contains("ollama"), sentence);
        }
    }

    @Test
    void anUnreachableServerSaysHowToInstallAndStartOllama() {
        FakeOllama closed = FakeOllama.start();
        String url = closed.url();
        closed.close();
        EngineModels models = new EngineModels(() -> new OllamaClient(url));
        UserFacingException e = assertThrows(UserFacingException.class, models::models);
        assertTrue(e.getMessage().contains("ollama serve"), e.getMessage());
        assertTrue(e.getMessage().contains("If Ollama is not installed"), e.getMessage());
        assertEquals(url, models.host());
    }
}
