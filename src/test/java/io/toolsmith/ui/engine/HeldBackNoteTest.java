package io.toolsmith.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.app.Engine;
import io.toolsmith.settings.Home;
import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.ui.chat.TurnEvent;
import io.toolsmith.ui.chat.TurnRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window notes, under a turn's reply, which earlier messages a request had to leave out. */
class HeldBackNoteTest {
    @TempDir
    Path home;

    @Test
    void aTurnThatLeftMessagesOutSaysSoUnderItsReply() throws Exception {
        try (FakeOllama ollama = FakeOllama.start(); Engine engine = Engine.open(new Home(home), ollama.url())) {
            ollama.setModels(FakeModels.Model.of("gemma3:12b", "gemma3", "completion"));
            engine.settingsStore().update(s -> s.withNumCtx(6000));
            EngineChat chat = new EngineChat(engine, new OpenConversations(engine.conversations()), () -> { }, () -> { });
            try {
                List<List<TurnEvent>> turns = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    ollama.enqueueReply("Answer " + i + ": " + "water the beds early in the morning. ".repeat(60));
                    turns.add(turn(chat, "Question " + i + ": " + "how much shade do the beds need? ".repeat(40)));
                }
                assertTrue(notes(turns.get(0)).isEmpty(), "the first turn held nothing back: " + turns.get(0));
                List<String> last = notes(turns.get(9));
                assertEquals(1, last.size(), turns.get(9).toString());
                assertTrue(last.get(0).matches("\\d+ earlier messages were left out to fit the context window of 6000 "
                        + "tokens\\."), last.get(0));
                List<TurnEvent> events = turns.get(9);
                int note = events.indexOf(events.stream().filter(e -> e instanceof TurnEvent.Note).findFirst().get());
                assertTrue(events.subList(0, note).stream().anyMatch(e -> e instanceof TurnEvent.TextDelta),
                        "the note follows the reply's text");
            } finally {
                chat.close();
            }
        }
    }

    private static List<TurnEvent> turn(EngineChat chat, String text) throws InterruptedException {
        BlockingQueue<TurnEvent> queue = new LinkedBlockingQueue<>();
        assertNotNull(chat.send(new TurnRequest("c1", null, text, List.of()), queue::add));
        List<TurnEvent> events = new ArrayList<>();
        while (events.isEmpty() || !(events.get(events.size() - 1) instanceof TurnEvent.Finished)) {
            TurnEvent next = queue.poll(30, TimeUnit.SECONDS);
            assertNotNull(next, "the turn did not finish within 30 s: " + events);
            events.add(next);
        }
        return events;
    }

    private static List<String> notes(List<TurnEvent> events) {
        return events.stream().filter(e -> e instanceof TurnEvent.Note).map(e -> ((TurnEvent.Note) e).sentence()).toList();
    }
}
