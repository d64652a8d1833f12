package io.toolsmith.realserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.agent.TurnListener;
import io.toolsmith.app.Engine;
import io.toolsmith.context.ContextReport;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.settings.Backend;
import io.toolsmith.settings.Home;
import io.toolsmith.settings.InstructionMode;
import io.toolsmith.settings.Settings;
import io.toolsmith.settings.SettingsStore;
import io.toolsmith.testing.RealServer;
import io.toolsmith.util.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The front of every request stays the same, so a real llama-server reuses what it already processed: with the full
 * instructions, the second turn of a chat makes it process little more than the new messages.
 */
@Tag("real-server")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class PromptCacheTest {
    @TempDir
    Path home;

    @Test
    void theSecondTurnReusesTheServersCacheOfTheFirst() throws Exception {
        try (RealServer server = RealServer.start("-n", "8")) {
            Settings settings = Settings.defaults().withBackend(Backend.OPENAI).withOpenaiBaseUrl(server.url())
                    .withInstructionMode(InstructionMode.SYSTEM).withSeed(1L)
                    .withMaxTokens(16); // the request's limit overrides the server's -n; the random model is slow
            new SettingsStore(new Home(home).settingsFile()).save(settings);
            try (Engine engine = Engine.open(new Home(home), null)) {
                Conversation chat = Conversation.create(RealServer.MODEL);
                List<long[]> counts = new ArrayList<>();
                List<ContextReport> reports = new ArrayList<>();
                TurnListener listener = new TurnListener() {
                    @Override
                    public void requestComposed(ContextReport report) {
                        reports.add(report);
                    }

                    @Override
                    public void promptCounted(long promptTokens, long processed, int window) {
                        counts.add(new long[] {promptTokens, processed});
                    }
                };
                engine.turnLoop().run(chat, "Hello! What can you do for me?", List.of(), listener, new Cancellation());
                engine.turnLoop().run(chat, "Then keep a list of my expenses, please.", List.of(), listener,
                        new Cancellation());

                assertEquals(2, counts.size());
                assertEquals(4096, reports.get(0).window(), "the size the server reports in its model list");
                long first = counts.get(0)[0];
                long second = counts.get(1)[0];
                long processed = counts.get(1)[1];
                long newMessages = second - first;
                String figures = "first turn: " + first + " prompt tokens, " + counts.get(0)[1] + " processed; second "
                        + "turn: " + second + " prompt tokens, " + processed + " processed; new messages: " + newMessages;
                assertTrue(counts.get(0)[1] > first / 2, "the first turn is processed in full: " + figures);
                // The reply the server generated is tokenized again when sent back, which may split a few tokens
                // differently; everything before it must come from the cache.
                assertTrue(processed <= newMessages + 8, figures);
                System.out.println("Prompt cache on llama-server: " + figures);
            }
        }
    }

    @Test
    void aChatThatOutgrewTheWindowKeepsTheCacheBetweenCuts() throws Exception {
        try (RealServer server = RealServer.start("-n", "8")) {
            Settings settings = Settings.defaults().withBackend(Backend.OPENAI).withOpenaiBaseUrl(server.url())
                    .withInstructionMode(InstructionMode.SYSTEM).withSeed(1L).withMaxTokens(16);
            new SettingsStore(new Home(home).settingsFile()).save(settings);
            try (Engine engine = Engine.open(new Home(home), null)) {
                Conversation chat = Conversation.create(RealServer.MODEL);
                List<long[]> counts = new ArrayList<>();
                List<ContextReport> reports = new ArrayList<>();
                TurnListener listener = new TurnListener() {
                    @Override
                    public void requestComposed(ContextReport report) {
                        reports.add(report);
                    }

                    @Override
                    public void promptCounted(long promptTokens, long processed, int window) {
                        counts.add(new long[] {promptTokens, processed});
                    }
                };
                int turns = 14;
                for (int turn = 1; turn <= turns; turn++) {
                    engine.turnLoop().run(chat, "Note " + turn + ": " + "the tomato beds need water early and shade "
                            .repeat(30), List.of(), listener, new Cancellation());
                }
                assertEquals(turns, counts.size());
                int cutTurns = 0;
                int kept = 0;
                StringBuilder figures = new StringBuilder();
                for (int turn = 1; turn < turns; turn++) {
                    int leftOut = reports.get(turn).leftOut();
                    boolean sameFront = leftOut == reports.get(turn - 1).leftOut();
                    long added = counts.get(turn)[0] - counts.get(turn - 1)[0];
                    long processed = counts.get(turn)[1];
                    figures.append(String.format("turn %d: %d left out, %d prompt tokens, %d processed%n", turn + 1,
                            leftOut, counts.get(turn)[0], processed));
                    if (leftOut > 0) {
                        cutTurns++;
                        if (sameFront) {
                            kept++;
                            assertTrue(processed <= added + 8, "the front did not change: " + figures);
                        }
                    }
                }
                System.out.print("Prompt cache on llama-server after cuts:\n" + figures);
                assertTrue(cutTurns >= 4, "the chat outgrew the window: " + figures);
                assertTrue(kept * 2 >= cutTurns, "most cut turns keep the front: " + figures);
            }
        }
    }
}
