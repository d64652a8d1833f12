package io.toolsmith.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.conversation.ChatSearch;
import io.toolsmith.conversation.ChatSummary;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.conversation.ConversationSession;
import io.toolsmith.conversation.ConversationStore;
import io.toolsmith.conversation.Message;
import io.toolsmith.ui.common.BackgroundExecutor;
import io.toolsmith.ui.common.DirectBackgroundExecutor;
import io.toolsmith.ui.window.ConversationListViewModel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chat list's search over real chat files: titles at once, messages through the engine's index. */
class ChatListSearchTest {
    @TempDir
    Path home;
    private ChatSearch search;

    @AfterEach
    void closeSearch() {
        if (search != null) {
            search.close();
        }
    }

    private ConversationStore conversations() {
        return new ConversationStore(home.resolve("conversations"), home.resolve("cache/chat-index.json"));
    }

    private EngineConversations catalog() {
        search = new ChatSearch(home.resolve("conversations"), home.resolve("cache/chat-search"));
        return new EngineConversations(new OpenConversations(conversations()), home.resolve("trash"),
                home.resolve("cache/images"), search);
    }

    private void saved(String title, String question, String reply) throws Exception {
        ConversationSession session = conversations().session(Conversation.create("qwen3:8b"));
        session.add(Message.user(question, List.of()));
        session.add(Message.assistant(reply, false, 0));
        session.rename(title);
    }

    private static List<String> titles(ConversationListViewModel model) {
        return model.shown().stream().map(ChatSummary::title).toList();
    }

    @Test
    void aChatIsFoundByItsTitleOrByItsMessagesWithTheLineThatMatched() throws Exception {
        saved("Taxi costs", "How much was the taxi?", "The ride cost 23.50 EUR.");
        saved("Expenses", "Log my spending", "Recorded a cab ride to the airport for 23.50 EUR.");
        saved("Weather", "Will it rain?", "I cannot look outside.");
        ConversationListViewModel model = new ConversationListViewModel(catalog(), new DirectBackgroundExecutor());
        model.load();
        assertEquals(3, model.shown().size());

        model.searchProperty().set("Cab Ride");
        assertEquals(List.of("Expenses"), titles(model));
        ChatSummary expenses = model.shown().get(0);
        assertEquals("Recorded a cab ride to the airport for 23.50 EUR.", model.foundLine(expenses));
        assertEquals("Cab Ride", model.findWhenOpened(expenses), "the chat opens at the match");

        model.searchProperty().set("taxi");
        assertEquals(List.of("Taxi costs"), titles(model));
        assertNull(model.foundLine(model.shown().get(0)), "a title match needs no line");
        assertNull(model.findWhenOpened(model.shown().get(0)));

        model.searchProperty().set("23.50");
        assertEquals(List.of("Expenses", "Taxi costs"), titles(model));

        model.searchProperty().set("bicycle");
        assertEquals(List.of(), titles(model));
        assertEquals("No chats match “bicycle”. Press Esc to clear the search.", model.emptyText());
        model.searchProperty().set("");
        assertEquals(3, model.shown().size());
    }

    @Test
    void textTypedWhileASearchRunsIsSearchedNextAndTheOlderAnswerIsDropped() throws Exception {
        saved("Expenses", "Log my spending", "Recorded a cab ride.");
        saved("Trip", "Plan a trip", "A cab to the station.");
        StepExecutor steps = new StepExecutor();
        ConversationListViewModel model = new ConversationListViewModel(catalog(), steps);
        model.load();
        steps.runNext();
        assertEquals(2, model.shown().size());

        model.searchProperty().set("cab");
        model.searchProperty().set("cab r");
        model.searchProperty().set("cab ri");
        assertTrue(model.searchingProperty().get());
        assertEquals(1, steps.waiting(), "one search at a time");
        steps.runNext();
        assertEquals(List.of(), titles(model), "the answer for “cab” came too late");
        assertEquals(1, steps.waiting(), "the text now in the field is searched next");
        steps.runNext();
        assertEquals(List.of("Expenses"), titles(model));
        assertEquals("Recorded a cab ride.", model.foundLine(model.shown().get(0)));
        assertEquals(0, steps.waiting());
        assertTrue(!model.searchingProperty().get());
    }

    /** Runs background work one piece at a time when the test says so, on the test's thread. */
    private static final class StepExecutor implements BackgroundExecutor {
        private final Deque<Runnable> queue = new ArrayDeque<>();
        private final DirectBackgroundExecutor direct = new DirectBackgroundExecutor();

        @Override
        public <T> void run(Work<T> work, Consumer<T> onDone, Consumer<Throwable> onFailed) {
            queue.add(() -> direct.run(work, onDone, onFailed));
        }

        @Override
        public void execute(Runnable work) {
            queue.add(work);
        }

        void runNext() {
            queue.removeFirst().run();
        }

        int waiting() {
            return queue.size();
        }

        @Override
        public void close() {
            queue.clear();
        }
    }
}
