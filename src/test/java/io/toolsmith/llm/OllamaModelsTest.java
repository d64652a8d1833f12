package io.toolsmith.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.llm.LlmException.Kind;
import io.toolsmith.testing.FakeModels.Model;
import io.toolsmith.testing.FakeOllama;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** /api/tags, /api/show and /api/version as new and old servers answer them. */
class OllamaModelsTest {
    private final FakeOllama ollama = FakeOllama.start();
    private final OllamaClient client = new OllamaClient(ollama.url());

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void listsModernAndOldEntries() throws Exception {
        ollama.setTagsBody("""
                {"models":[
                 {"name":"qwen3:8b","model":"qwen3:8b","modified_at":"2025-05-10T08:06:48.639712648-07:00",
                  "size":5225388164,"digest":"500a1f06","details":{"parent_model":"","format":"gguf","family":"qwen3",
                  "families":["qwen3"],"parameter_size":"8.2B","quantization_level":"Q4_K_M","context_length":40960},
                  "capabilities":["completion","tools","thinking"]},
                 {"name":"llama2:latest","model":"llama2:latest","modified_at":"2024-01-02T03:04:05Z","size":3825819519,
                  "digest":"78e26419","details":{"format":"gguf","family":"llama","families":null,
                  "parameter_size":"7B","quantization_level":"Q4_0"},"expires_in":"whatever"}]}""");

        List<ModelInfo> models = client.listModels();

        ModelInfo modern = models.get(0);
        assertEquals("qwen3:8b", modern.name());
        assertEquals(5_225_388_164L, modern.size());
        assertEquals(OffsetDateTime.of(2025, 5, 10, 8, 6, 48, 639_712_648, ZoneOffset.ofHours(-7)), modern.modifiedAt());
        assertEquals("qwen3", modern.family());
        assertEquals("8.2B", modern.parameterSize());
        assertEquals("Q4_K_M", modern.quantization());
        assertEquals(Set.of("completion", "tools", "thinking"), modern.capabilities());
        ModelInfo old = models.get(1);
        assertEquals("llama2:latest", old.name());
        assertEquals(3_825_819_519L, old.size());
        assertEquals(Set.of(), old.capabilities());
        assertEquals("llama", old.family());
    }

    @Test
    void emptyModelList() throws Exception {
        assertEquals(List.of(), client.listModels());
    }

    @Test
    void showReportsCapabilitiesAndTrainedContextLength() throws Exception {
        ollama.setModels(Model.of("gemma3:12b", "gemma3", "completion", "vision"),
                new Model("llama2", "llama", null, null, 1L));

        ModelDetails gemma = client.showModel("gemma3:12b");
        ModelDetails old = client.showModel("llama2");

        assertTrue(gemma.supports("vision"));
        assertTrue(gemma.supports("Completion"));
        assertFalse(gemma.supports("tools"));
        assertEquals(8192, gemma.contextLength());
        assertEquals("gemma3", gemma.family());
        assertTrue(gemma.template().contains("{{ .Prompt }}"));
        assertFalse(old.capabilitiesKnown());
        assertNull(old.contextLength());
    }

    @Test
    void showOfAMissingModelSuggestsOllamaPull() {
        ollama.setModels(Model.of("gemma3:12b", "gemma3", "completion"));

        LlmException e = assertThrows(LlmException.class, () -> client.showModel("nope"));

        assertEquals(Kind.MODEL_NOT_FOUND, e.kind());
        assertEquals("The model 'nope' is not installed. Download it with `ollama pull nope`.", e.getMessage());
    }

    @Test
    void version() throws Exception {
        ollama.setVersion("0.12.3");

        assertEquals("0.12.3", client.version());
    }

    @Test
    void baseUrlWithPathPrefixIsJoined() throws Exception {
        OllamaClient prefixed = new OllamaClient(ollama.url() + "/ollama");

        LlmException e = assertThrows(LlmException.class, prefixed::version);

        assertEquals(List.of("GET /ollama/api/version"), ollama.requestLines());
        assertTrue(e.getMessage().contains("too old or not Ollama"), e.getMessage());
    }
}
