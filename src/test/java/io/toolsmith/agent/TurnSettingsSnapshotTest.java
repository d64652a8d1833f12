package io.toolsmith.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.app.Engine;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.conversation.Message;
import io.toolsmith.settings.Home;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.UserFacingException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A turn keeps the settings it started with; a change made while it runs applies from the next turn. */
class TurnSettingsSnapshotTest {
    @TempDir
    Path home;

    @Test
    void aChangeDuringATurnWaitsForTheNextTurn() throws Exception {
        try (FakeOllama ollama = FakeOllama.start(); Engine engine = Engine.open(new Home(home), ollama.url())) {
            Conversation chat = Conversation.create("qwen3:8b");
            // The first reply calls a function nobody wrote, so the turn sends a second request with the error.
            ollama.enqueueReply("```function_call\n{\"id\": 1, \"function\": \"not_written\", \"arguments\": {}}\n```");
            ollama.enqueueReply("That function does not exist.");
            ollama.enqueueReply("Second turn.");
            TurnListener changesSettingsMidTurn = new TurnListener() {
                @Override
                public void replyFinished(Message reply) {
                    try {
                        engine.settingsStore().update(s -> s.withMaxTokens(64).withTemperature(1.5)
                                .withFunctionCallingPrompt("Call functions tersely."));
                    } catch (UserFacingException e) {
                        throw new AssertionError(e);
                    }
                }
            };

            engine.turnLoop().run(chat, "use not_written", List.of(), changesSettingsMidTurn, new Cancellation());
            engine.turnLoop().run(chat, "again", List.of(), new TurnListener() { }, new Cancellation());

            List<JsonNode> requests = ollama.chatRequests();
            assertEquals(3, requests.size());
            for (JsonNode sameTurn : requests.subList(0, 2)) {
                assertEquals(4096, sameTurn.path("options").path("num_predict").asInt(), sameTurn.toString());
                assertTrue(sameTurn.path("options").path("temperature").isMissingNode(), sameTurn.toString());
                assertTrue(!firstContent(sameTurn).contains("Call functions tersely."), "the old prompt all turn long");
            }
            JsonNode nextTurn = requests.get(2);
            assertEquals(64, nextTurn.path("options").path("num_predict").asInt());
            assertEquals(1.5, nextTurn.path("options").path("temperature").asDouble());
            assertTrue(firstContent(nextTurn).contains("Call functions tersely."), firstContent(nextTurn));
        }
    }

    private static String firstContent(JsonNode request) {
        return request.path("messages").get(0).path("content").asText();
    }
}
