package io.toolsmith.ui.window;

import io.toolsmith.conversation.ChatSummary;
import static io.toolsmith.ui.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.toolsmith.ui.common.BackgroundExecutor;
import io.toolsmith.ui.common.UiExecutor;
import io.toolsmith.ui.fakes.FakeConversationStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Callbacks run on the background thread here (same-thread UI executor), one task at a time. */
class ConversationListViewModelTest {
    private final FakeConversationStore store = new FakeConversationStore()
            .add("Trip costs", List.of()).add("Groceries", List.of());
    private final BackgroundExecutor background = new BackgroundExecutor("test", 1, UiExecutor.sameThread());
    private final ConversationListViewModel model = new ConversationListViewModel(store, background);

    @AfterEach
    void close() {
        background.close();
    }

    private List<String> titles() {
        return model.shown().stream().map(ChatSummary::title).toList();
    }

    @Test
    void loadsAndSelectsTheFirstChatAndFiltersByTitle() {
        model.load();
        waitFor(() -> model.selectedProperty().get() != null);
        assertEquals("Trip costs", model.selectedProperty().get().title());
        model.searchProperty().set("GROC");
        assertEquals(List.of("Groceries"), titles());
        model.searchProperty().set("");
        assertEquals(List.of("Trip costs", "Groceries"), titles());
    }

    @Test
    void deleteCanBeUndoneAndRenameIsStored() {
        model.load();
        waitFor(() -> model.shown().size() == 2);
        ChatSummary trip = model.shown().get(0);
        model.delete(trip);
        assertEquals(List.of("Groceries"), titles());
        assertEquals("Deleted “Trip costs”.", model.noticeProperty().get());
        waitFor(() -> store.list().size() == 1);
        model.undoDelete();
        waitFor(() -> model.shown().size() == 2);
        assertEquals(List.of("Trip costs", "Groceries"), titles());
        assertEquals(2, store.list().size());
        model.rename(model.shown().get(1), "  Food  ");
        assertEquals("Food", model.shown().get(1).title());
        waitFor(() -> store.list().stream().anyMatch(c -> c.title().equals("Food")));
    }

    @Test
    void newChatGoesFirstAndIsSelected() {
        model.load();
        waitFor(() -> model.shown().size() == 2);
        model.newChat();
        waitFor(() -> model.shown().size() == 3);
        assertEquals("New chat", model.selectedProperty().get().title());
        assertEquals("New chat", titles().get(0));
    }
}
