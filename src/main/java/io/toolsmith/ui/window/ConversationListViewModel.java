package io.toolsmith.ui.window;

import io.toolsmith.conversation.ChatHit;
import io.toolsmith.conversation.ChatSummary;
import io.toolsmith.ui.common.BackgroundExecutor;
import io.toolsmith.ui.common.Sentences;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.collections.transformation.FilteredList;

/**
 * The left list: chats, the search, and the commands new / rename / delete (with undo) / export. The search shows the
 * chats whose title contains the text at once, and those whose messages contain it when the catalog has searched them
 * in the background, each with a line around the match. Store calls run in the background; the list changes at once
 * and a failure is shown as a sentence. FX thread only.
 */
public final class ConversationListViewModel {
    /** More chats than this found by their messages would not be read through; the newest are listed. */
    static final int SEARCH_LIMIT = 200;
    private final ConversationCatalog store;
    private final BackgroundExecutor background;
    private final ObservableList<ChatSummary> all = FXCollections.observableArrayList();
    private final FilteredList<ChatSummary> shown = new FilteredList<>(all);
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ObjectProperty<ChatSummary> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty notice = new SimpleStringProperty(this, "notice");
    /** Chat id → a line of its messages around the match, for the search text {@link #foundFor}. */
    private final ObservableMap<String, String> found = FXCollections.observableHashMap();
    private final BooleanProperty searching = new SimpleBooleanProperty(this, "searching");
    private String foundFor = "";
    private final StringProperty searchProblem = new SimpleStringProperty(this, "searchProblem");
    private java.util.function.Predicate<String> emptyNow = id -> true;
    private ChatSummary lastDeleted;
    private int lastDeletedIndex;

    public ConversationListViewModel(ConversationCatalog store, BackgroundExecutor background) {
        this.store = store;
        this.background = background;
        shown.predicateProperty().bind(Bindings.createObjectBinding(() -> {
            String q = query();
            return c -> q.isEmpty() || titleMatches(c, q) || found.containsKey(c.id());
        }, search, found));
        search.addListener((obs, old, now) -> searchMessages());
    }

    /** Why the messages could not be searched (titles still are); null when they could. */
    public StringProperty searchProblemProperty() {
        return searchProblem;
    }

    /** Changes whenever the lines around the matches change (a new search's answer arrived or was cleared). */
    public javafx.beans.Observable foundLines() {
        return found;
    }

    /** True while the chats' messages are being searched for the current text. */
    public ReadOnlyBooleanProperty searchingProperty() {
        return searching;
    }

    /**
     * A line of the chat's messages around the search text, when the chat is listed for its messages rather than its
     * title; null otherwise.
     */
    public String foundLine(ChatSummary chat) {
        String q = query();
        return q.isEmpty() || titleMatches(chat, q) ? null : found.get(chat.id());
    }

    /** What to find in the chat when it is opened: the search text, when the chat is listed for its messages. */
    public String findWhenOpened(ChatSummary chat) {
        return chat == null || foundLine(chat) == null ? null : search.get().strip();
    }

    private String query() {
        return search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
    }

    private static boolean titleMatches(ChatSummary chat, String query) {
        return chat.title().toLowerCase(Locale.ROOT).contains(query);
    }

    /**
     * Searches the messages for the text now in the search field. One search runs at a time: text typed meanwhile is
     * searched when it ends, and an answer for text no longer in the field is dropped.
     */
    private void searchMessages() {
        String q = query();
        if (!q.equals(foundFor)) {
            found.clear();
            foundFor = "";
        }
        if (q.isEmpty() || searching.get()) {
            return;
        }
        searching.set(true);
        background.run(() -> store.search(q, SEARCH_LIMIT), hits -> searched(q, hits), error -> {
            searching.set(false);
            searchProblem.set(Sentences.of(error));
        });
    }

    private void searched(String q, List<ChatHit> hits) {
        searching.set(false);
        searchProblem.set(null);
        if (q.equals(query())) {
            foundFor = q;
            Map<String, String> lines = new HashMap<>();
            hits.forEach(hit -> lines.put(hit.id(), hit.snippet()));
            found.putAll(lines);
        } else {
            searchMessages();
        }
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
