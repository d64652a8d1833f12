package io.toolsmith.ui.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.llm.ServerHealth;
import io.toolsmith.ui.chat.TurnEvent;
import io.toolsmith.ui.common.DirectBackgroundExecutor;
import io.toolsmith.ui.fakes.FakeModelCatalog;
import io.toolsmith.ui.fakes.ManualProbeClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The connection state and its probe, on a clock the test turns: no waiting. */
class ModelPickerViewModelTest {
    private final FakeModelCatalog catalog = new FakeModelCatalog();
    private final ManualProbeClock clock = new ManualProbeClock();
    private final ModelPickerViewModel models = new ModelPickerViewModel(catalog, new DirectBackgroundExecutor(),
            "qwen3:8b", clock);

    @Test
    void theProbeBacksOffWhileTheServerIsAwayAndReconnectsByItself() {
        catalog.reachable = false;
        models.refresh();
        assertEquals(ConnectionState.UNREACHABLE, models.stateProperty().get());
        for (int i = 0; i < 6; i++) {
            clock.runScheduled();
        }
        assertEquals(List.of(1, 2, 5, 10, 30, 30, 30), clock.delays().stream().map(d -> (int) d.toSeconds()).toList());
        assertTrue(models.sentenceProperty().get().contains("next in 30 s"), models.sentenceProperty().get());
        assertEquals(ConnectionState.UNREACHABLE, models.stateProperty().get());

        catalog.reachable = true;
        clock.runScheduled();
        assertEquals(ConnectionState.CONNECTED, models.stateProperty().get());
        assertEquals("qwen3:8b", models.selectedProperty().get().name(), "the list is read again and the model kept");
        assertEquals(0, clock.pending(), "no probe while connected");
    }

    @Test
    void eachRequestsOutcomeMovesTheState() {
        models.refresh();
        assertEquals(ConnectionState.CONNECTED, models.stateProperty().get());

        models.reportTurn(new TurnEvent.ServerReached(false, "Ollama is not running at http://127.0.0.1:11434."));
        assertEquals(ConnectionState.UNREACHABLE, models.stateProperty().get());
        assertTrue(models.sentenceProperty().get().startsWith("Ollama is not running"), "with the reason");
        assertEquals("qwen3:8b", models.selectedProperty().get().name(), "the chat keeps its model meanwhile");
        assertEquals(List.of(Duration.ofSeconds(1)), clock.delays());

        models.reportTurn(new TurnEvent.ServerReached(true, null));
        assertEquals(ConnectionState.CONNECTED, models.stateProperty().get());
        assertEquals(0, clock.pending(), "the probe is called off");
    }

    @Test
    void aManualRetryStartsTheBackOffAgain() {
        catalog.reachable = false;
        models.refresh();
        clock.runScheduled();
        clock.runScheduled();
        models.refresh();
        assertEquals(Duration.ofSeconds(1), clock.delays().get(clock.delays().size() - 1));
        assertEquals(1, clock.pending(), "one probe at a time");
    }

    @Test
    void aChatRequestTheServerFailedIsAWarningNoListingClearsAndNoProbeStarts() {
        models.refresh();
        models.reportTurn(new TurnEvent.ServerReached(ServerHealth.ChatOutcome.SERVER_FAILED,
                "Ollama failed: llama runner process has terminated."));
        assertEquals(ConnectionState.CHAT_FAILING, models.stateProperty().get());
        assertTrue(models.sentenceProperty().get().endsWith("but chat requests fail: Ollama failed: llama runner"
                + " process has terminated."), models.sentenceProperty().get());
        assertEquals(0, clock.pending());
        models.refresh();
        assertEquals(ConnectionState.CHAT_FAILING, models.stateProperty().get());
        models.reportTurn(new TurnEvent.ServerReached(true, null));
        assertEquals(ConnectionState.CONNECTED, models.stateProperty().get());
    }
}
