package io.toolsmith.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.util.UserFacingException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One rule for the model a chat uses, shared by the window and {@code toolsmith chat}. */
class ModelChoiceTest {
    private static final String NONE = "No model is installed. Download one.";

    private static ModelInfo model(String name, String... capabilities) {
        return new ModelInfo(name, 0, null, null, null, null, Set.of(capabilities));
    }

    @Test
    void theSettingsDefaultWhenTheServerHasIt() {
        List<ModelInfo> installed = List.of(model("qwen3:8b", "completion"), model("gemma3:12b", "completion"));
        assertEquals(new ModelChoice.Choice("gemma3:12b", null), ModelChoice.choose("gemma3:12b", installed, NONE));
    }

    @Test
    void aDefaultWithoutTagMatchesTheLatestTagTheServerLists() {
        List<ModelInfo> installed = List.of(model("qwen3:8b"), model("gemma3:latest"));
        assertEquals(new ModelChoice.Choice("gemma3:latest", null), ModelChoice.choose("gemma3", installed, NONE));
    }

    @Test
    void withoutADefaultTheFirstModelThatCanChat() {
        List<ModelInfo> installed = List.of(model("nomic-embed-text", "embedding"), model("qwen3:8b", "completion", "tools"));
        assertEquals(new ModelChoice.Choice("qwen3:8b", null), ModelChoice.choose(null, installed, NONE));
        assertEquals(new ModelChoice.Choice("qwen3:8b", null), ModelChoice.choose("  ", installed, NONE));
    }

    @Test
    void aModelTheServerDoesNotDescribeIsTakenAsAbleToChat() {
        assertEquals(new ModelChoice.Choice("mystery.gguf", null), ModelChoice.choose(null, List.of(model("mystery.gguf")), NONE));
    }

    @Test
    void aDefaultThatIsNotInstalledGivesWayToTheFirstAndSaysSo() {
        ModelChoice.Choice choice = ModelChoice.choose("llama3:70b", List.of(model("qwen3:8b", "completion")), NONE);
        assertEquals("qwen3:8b", choice.model());
        assertEquals("The default model llama3:70b is not installed; using qwen3:8b instead.", choice.reason());
    }

    @Test
    void aServerThatListsNothingIsTrustedWithTheDefault() {
        assertEquals(new ModelChoice.Choice("served.gguf", null), ModelChoice.choose("served.gguf", List.of(), NONE));
    }

    @Test
    void noModelThatCanChatIsNoneWithTheServersSentence() {
        assertEquals(new ModelChoice.Choice(null, NONE), ModelChoice.choose(null, List.of(), NONE));
        assertEquals(new ModelChoice.Choice(null, NONE),
                ModelChoice.choose(null, List.of(model("nomic-embed-text", "embedding")), NONE));
    }

    @Test
    void aTurnTakesTheModelAskedForThenTheChatsOwnWithoutAskingTheServer() throws Exception {
        FakeOllama closed = FakeOllama.start();
        ChatBackend unreachable = new OllamaClient(closed.url());
        closed.close();
        assertEquals("picked", ModelChoice.forTurn("picked", "chats", "default", unreachable).model());
        assertEquals("chats", ModelChoice.forTurn(null, "chats", "default", unreachable).model());
        assertEquals("chats", ModelChoice.forTurn(" ", "chats", "default", unreachable).model());
    }

    @Test
    void aTurnWithoutAModelAsksTheServer() throws Exception {
        try (FakeOllama ollama = FakeOllama.start()) {
            ollama.setModels(FakeModels.Model.of("qwen3:8b", "qwen3", "completion"));
            OllamaClient client = new OllamaClient(ollama.url());
            assertEquals(new ModelChoice.Choice("qwen3:8b", null), ModelChoice.forTurn(null, null, null, client));

            ollama.setModels();
            UserFacingException none = assertThrows(UserFacingException.class,
                    () -> ModelChoice.forTurn(null, null, "", client));
            assertEquals(client.noModelsHint(), none.getMessage());
            assertTrue(none.getMessage().contains("ollama pull"), none.getMessage());
        }
    }
}
