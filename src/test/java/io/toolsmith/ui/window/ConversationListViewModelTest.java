package io.toolsmith.ui.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.conversation.ChatSummary;
import io.toolsmith.conversation.Message;
import io.toolsmith.ui.common.DirectBackgroundExecutor;
import io.toolsmith.ui.fakes.FakeConversationStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Store calls and their callbacks run on the test's thread (same-thread executor), so outcomes need no waiting. */
class ConversationListViewModelTest {
    // Chats with a message each: an empty chat is the one Ctrl+N opens again instead of making another.
    private final FakeConversationStore store = new FakeConversationStore()
            .add("Trip costs", List.of(said("Flights?"))).add("Groceries", List.of(said("Milk")));
    private final ConversationListViewModel model = new ConversationListViewModel(store, new DirectBackgroundExecutor());

    private static Message said(String text) {
        return Message.user(text, List.of());
    }

    private List<String> titles() {
        return model.shown().stream().map(ChatSummary::title).toList();
    }

    @Test
    void loadsAndSelectsTheFirstChatAndFiltersByTitle() {
        model.load();
        assertEquals("Trip costs", model.selectedProperty().get().title());
        model.searchProperty().set("GROC");
        assertEquals(List.of("Groceries"), titles());
        model.searchProperty().set("");
        assertEquals(List.of("Trip costs", "Groceries"), titles());
    }

    @Test
    void deleteCanBeUndoneAndRenameIsStored() {
        model.load();
        assertEquals(2, model.shown().size());
        ChatSummary trip = model.shown().get(0);
        model.delete(trip);
        assertEquals(List.of("Groceries"), titles());
        assertEquals("Deleted “Trip costs”.", model.noticeProperty().get());
        assertEquals(1, store.list().size());
        model.undoDelete();
        assertEquals(List.of("Trip costs", "Groceries"), titles());
        assertEquals(2, store.list().size());
        model.rename(model.shown().get(1), "  Food  ");
        assertEquals("Food", model.shown().get(1).title());
        assertTrue(store.list().stream().anyMatch(c -> c.title().equals("Food")));
    }

    @Test
    void newChatGoesFirstAndIsSelected() {
        model.load();
        assertEquals(2, model.shown().size());
        model.newChat();
        assertEquals(3, model.shown().size());
        assertEquals("New chat", model.selectedProperty().get().title());
        assertEquals("New chat", titles().get(0));
        model.newChat();
        assertEquals(3, model.shown().size(), "the empty new chat is opened again, not another one made");
    }
}
