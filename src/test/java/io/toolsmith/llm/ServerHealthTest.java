package io.toolsmith.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.llm.ServerHealth.ChatOutcome;
import io.toolsmith.llm.ServerHealth.State;
import org.junit.jupiter.api.Test;

/** What the connection state says as a server's answers to the model list and to chat requests come in. */
class ServerHealthTest {
    private static final String FAILED = "Ollama failed: model requires more system memory (7.6 GiB) than is"
            + " available (3.2 GiB). Check the Ollama server log, then try again.";
    private final ServerHealth health = new ServerHealth("http://127.0.0.1:11434");

    @Test
    void aServerThatListsModelsButFailsEveryChatRequestStaysConnectedButFailingUntilOneSucceeds() {
        health.checking();
        assertEquals(State.CHECKING, health.state());
        health.listed(null);
        assertEquals(State.CONNECTED, health.state());

        health.chat(ChatOutcome.SERVER_FAILED, FAILED);
        assertEquals(State.CHAT_FAILING, health.state());
        assertEquals("Connected to http://127.0.0.1:11434, but chat requests fail: " + FAILED, health.sentence());
        for (int i = 0; i < 3; i++) {
            health.checking(); // Retry
            health.listed(null); // the list still answers
            assertEquals(State.CHAT_FAILING, health.state(), "the model list does not make it plainly connected");
            health.chat(ChatOutcome.SERVER_FAILED, FAILED);
            assertEquals(State.CHAT_FAILING, health.state());
        }
        health.chat(ChatOutcome.REQUEST_REFUSED, "The model 'x' is not installed.");
        assertEquals(State.CHAT_FAILING, health.state(), "a refused request proves nothing about chat");

        health.chat(ChatOutcome.SUCCEEDED, null);
        assertEquals(State.CONNECTED, health.state());
        assertEquals("Connected to http://127.0.0.1:11434", health.sentence());
        health.listed(null);
        assertEquals(State.CONNECTED, health.state());
    }

    @Test
    void aReplyThatBrokeOffIsNotConnectedAndAListingAfterItIsNotPlainlyConnected() {
        health.listed(null);
        health.chat(ChatOutcome.BROKE_OFF, "The reply broke off.");
        assertEquals(State.UNREACHABLE, health.state());
        assertEquals("The reply broke off.", health.sentence());
        health.listed(null); // the probe: the list answers
        assertEquals(State.CHAT_FAILING, health.state());
        assertTrue(health.sentence().endsWith("but chat requests fail: The reply broke off."), health.sentence());
        health.chat(ChatOutcome.SUCCEEDED, null);
        assertEquals(State.CONNECTED, health.state());
    }

    @Test
    void aServerThatWentAwayAndCameBackIsConnectedAgain() {
        health.listed(null);
        health.chat(ChatOutcome.SERVER_FAILED, FAILED);
        health.chat(ChatOutcome.UNREACHABLE, "Ollama is not running at http://127.0.0.1:11434.");
        assertEquals(State.UNREACHABLE, health.state());
        health.listingFailed("Ollama is not running at http://127.0.0.1:11434.");
        assertEquals(State.UNREACHABLE, health.state());
        health.listed(null);
        assertEquals(State.CONNECTED, health.state(), "a server started again owes nothing to the one that failed");

        health.chat(ChatOutcome.BROKE_OFF, "The reply broke off.");
        health.listingFailed("Ollama is not running at http://127.0.0.1:11434.");
        health.listed(null);
        assertEquals(State.CONNECTED, health.state(), "it was away between the two");
    }

    @Test
    void noModelThatCanChatIsSaidSoWhateverChatDidBefore() {
        health.chat(ChatOutcome.SERVER_FAILED, FAILED);
        health.listed("Ollama has no models yet.");
        assertEquals(State.NO_MODELS, health.state());
        assertEquals("Ollama has no models yet.", health.sentence());
    }

    @Test
    void eachFailureKindCountsAsItShould() {
        assertEquals(ChatOutcome.SERVER_FAILED, ChatOutcome.of(LlmException.Kind.HTTP));
        assertEquals(ChatOutcome.SERVER_FAILED, ChatOutcome.of(LlmException.Kind.STREAM_ERROR));
        assertEquals(ChatOutcome.REQUEST_REFUSED, ChatOutcome.of(LlmException.Kind.MODEL_NOT_FOUND));
        assertEquals(ChatOutcome.REQUEST_REFUSED, ChatOutcome.of(LlmException.Kind.CONTEXT_FULL));
        assertEquals(ChatOutcome.BROKE_OFF, ChatOutcome.of(LlmException.Kind.INCOMPLETE));
        assertEquals(ChatOutcome.UNREACHABLE, ChatOutcome.of(LlmException.Kind.UNREACHABLE));
        assertTrue(ChatOutcome.SERVER_FAILED.reached());
        assertFalse(ChatOutcome.BROKE_OFF.reached());
    }
}
