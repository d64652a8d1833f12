package io.toolsmith.ui.window;

import io.toolsmith.conversation.ChatSummary;
import io.toolsmith.ui.common.BackgroundExecutor;
import io.toolsmith.ui.common.Sentences;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The left list: chats, the search filter, and the commands new / rename / delete (with undo) /
 * export. Store calls run in the background; the list changes at once and a failure is shown as
 * a sentence. FX thread only.
 */
public final class ConversationListViewModel {
    private final ConversationCatalog store;
    private final BackgroundExecutor background;
    private final ObservableList<ChatSummary> all = FXCollections.observableArrayList();
    private final FilteredList<ChatSummary> shown = new FilteredList<>(all);
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ObjectProperty<ChatSummary> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty notice = new SimpleStringProperty(this, "notice");
    private java.util.function.Predicate<String> emptyNow = id -> true;
    private ChatSummary lastDeleted;
    private int lastDeletedIndex;

    public ConversationListViewModel(ConversationCatalog store, BackgroundExecutor background) {
        this.store = store;
        this.background = background;
        shown.predicateProperty().bind(Bindings.createObjectBinding(() -> {
            String q = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
            return c -> q.isEmpty() || c.title().toLowerCase(Locale.ROOT).contains(q);
        }, search));
    }

    /**
     * Tells whether a chat listed as empty still is (the list's counts are updated only after a turn), so a chat
     * whose first reply is coming is not reused by {@link #newChat}.
     */
    public void setEmptyNow(java.util.function.Predicate<String> test) {
        emptyNow = test;
    }

    public ObservableList<ChatSummary> shown() {
        return shown;
    }

    /** What the list says when it shows nothing: no chats at all, or none matching the search. */
    public String emptyText() {
        String q = search.get() == null ? "" : search.get().strip();
        return q.isEmpty() ? "No chats yet." : "No chats match “" + q + "”. Press Esc to clear the search.";
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<ChatSummary> selectedProperty() {
        return selected;
    }

    /** A sentence for the snackbar ("Deleted …", or what failed); null when nothing to say. */
    public StringProperty noticeProperty() {
        return notice;
    }

    public boolean canUndo() {
        return lastDeleted != null;
    }

    public void load() {
        background.run(store::list, list -> {
            all.setAll(list);
            if (selected.get() == null && !list.isEmpty()) {
                selected.set(list.get(0));
            } else if (list.isEmpty()) {
                newChat();
            }
        }, this::fail);
    }

    /**
     * Opens a new chat, or the empty one there already is (so pressing Ctrl+N twice does not leave a trail of
     * empty chats).
     */
    public void newChat() {
        ChatSummary empty = all.stream().filter(c -> c.messageCount() == 0 && emptyNow.test(c.id())).findFirst()
                .orElse(null);
        if (empty != null) {
            search.set("");
            selected.set(empty);
            return;
        }
        background.run(() -> store.create("New chat"), created -> {
            all.add(0, created);
            search.set("");
            selected.set(created);
        }, this::fail);
    }

    public void rename(ChatSummary chat, String title) {
        String clean = title == null ? "" : title.strip();
        if (clean.isEmpty() || clean.equals(chat.title())) {
            return;
        }
        ChatSummary renamed = chat.withTitle(clean);
        replace(chat, renamed);
        background.run(() -> {
            store.rename(chat.id(), clean);
            return null;
        }, done -> { }, this::fail);
    }

    public void delete(ChatSummary chat) {
        lastDeletedIndex = Math.max(0, all.indexOf(chat));
        all.remove(chat);
        lastDeleted = chat;
        if (chat.equals(selected.get())) {
            selected.set(all.isEmpty() ? null : all.get(Math.min(lastDeletedIndex, all.size() - 1)));
        }
        notice.set("Deleted “" + chat.title() + "”.");
        background.run(() -> {
            store.delete(chat.id());
            return null;
        }, done -> { }, this::fail);
    }

    /** Brings the chat deleted last back. */
    public void undoDelete() {
        ChatSummary chat = lastDeleted;
        if (chat == null) {
            return;
        }
        lastDeleted = null;
        notice.set(null);
        background.run(() -> {
            store.restore(chat.id());
            return chat;
        }, restored -> {
            all.add(Math.min(lastDeletedIndex, all.size()), restored);
            selected.set(restored);
        }, this::fail);
    }

    public void export(ChatSummary chat, ConversationCatalog.ExportFormat format, Path target,
                       Consumer<String> onDone) {
        background.run(() -> {
            store.export(chat.id(), format, target);
            return target;
        }, path -> onDone.accept("Saved “" + chat.title() + "” to " + path + "."), this::fail);
    }

    /** Lists a chat made from another (a fork) at the top, and opens it. */
    public void opened(ChatSummary chat) {
        all.removeIf(c -> c.id().equals(chat.id()));
        all.add(0, chat);
        search.set("");
        selected.set(chat);
    }

    /** Re-reads one chat's title and time after a turn (the first message names a new chat). */
    public void refresh(String id) {
        background.run(store::list, list -> list.stream().filter(c -> c.id().equals(id)).findFirst().ifPresent(fresh ->
                all.stream().filter(c -> c.id().equals(id) && !c.equals(fresh)).findFirst()
                        .ifPresent(shown -> replace(shown, fresh))), this::fail);
    }

    private void replace(ChatSummary old, ChatSummary now) {
        int i = all.indexOf(old);
        if (i >= 0) {
            all.set(i, now);
        }
        if (old.equals(selected.get())) {
            selected.set(now);
        }
    }

    private void fail(Throwable error) {
        lastDeleted = null;
        notice.set(Sentences.of(error));
    }
}
