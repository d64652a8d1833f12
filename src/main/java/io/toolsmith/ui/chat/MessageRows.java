package io.toolsmith.ui.chat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javafx.beans.InvalidationListener;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The chat list's rows: each message split into rows of at most {@link #BLOCKS_PER_ROW} top-level
 * Markdown blocks. A long reply is then many small rows instead of one huge one, so while it
 * streams only its last row is laid out and styled again each frame, and rows scrolled out of
 * view are dropped by the virtualized list like any other. Appending messages or blocks appends
 * rows; anything else rebuilds the list. FX thread only.
 */
final class MessageRows {
    static final int BLOCKS_PER_ROW = 4;

    /** One row: blocks {@code [part * BLOCKS_PER_ROW, (part + 1) * BLOCKS_PER_ROW)} of a message. */
    record Row(MessageViewModel message, int part) {
    }

    /** A fenced function_call block: the reply shows its calls as cards, results included. */
    private static final Pattern CALL_FENCE = Pattern.compile("(?m)^ {0,3}(```+|~~~+)\\s*function_call\\b");
    private final ChatRenderers renderers;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final RowHeights heights = new RowHeights();
    private final Map<MessageViewModel, Integer> partCounts = new IdentityHashMap<>();
    private final ListChangeListener<MessageViewModel> messagesChanged = this::onMessagesChanged;
    private final InvalidationListener lastGrew = obs -> grow();
    private ObservableList<MessageViewModel> messages;
    private MessageViewModel watched;

    MessageRows(ChatRenderers renderers) {
        this.renderers = renderers;
    }

    ObservableList<Row> rows() {
        return rows;
    }

    RowHeights heights() {
        return heights;
    }

    void bind(ObservableList<MessageViewModel> next) {
        if (messages != null) {
            messages.removeListener(messagesChanged);
        }
        messages = next;
        next.addListener(messagesChanged);
        rebuild();
    }

    /** The row where a message starts, or -1. */
    int firstRowOf(MessageViewModel message) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).message() == message) {
                return i;
            }
        }
        return -1;
    }

    private void onMessagesChanged(ListChangeListener.Change<? extends MessageViewModel> change) {
        List<MessageViewModel> appended = new ArrayList<>();
        boolean onlyAppended = true;
        while (change.next()) {
            if (change.wasAdded() && !change.wasRemoved() && change.getTo() == messages.size()) {
                appended.addAll(change.getAddedSubList());
            } else {
                onlyAppended = false;
            }
        }
        if (onlyAppended) {
            List<Row> added = new ArrayList<>();
            appended.forEach(m -> added.addAll(rowsOf(m, previous(m))));
            rows.addAll(added);
        } else {
            rebuild();
        }
        watchLast();
    }

    private void rebuild() {
        partCounts.clear();
        heights.clear();
        List<Row> all = new ArrayList<>();
        MessageViewModel previous = null;
        for (MessageViewModel m : messages) {
            all.addAll(rowsOf(m, previous));
            previous = m;
        }
        rows.setAll(all);
        watchLast();
    }

    private MessageViewModel previous(MessageViewModel message) {
        int at = messages.lastIndexOf(message);
        return at > 0 ? messages.get(at - 1) : null;
    }

    /**
     * The results the app sent back for a reply's calls are already on that reply's call cards
     * (each card folds its result), so the message carrying them gets no rows of its own.
     */
    private static boolean shownOnCards(MessageViewModel message, MessageViewModel previous) {
        return message.role() == MessageRole.FUNCTION_RESULTS && previous != null
                && previous.role() == MessageRole.ASSISTANT && CALL_FENCE.matcher(previous.text()).find();
    }

    private List<Row> rowsOf(MessageViewModel message, MessageViewModel previous) {
        if (shownOnCards(message, previous)) {
            partCounts.put(message, 0);
            return List.of();
        }
        int parts = parts(message);
        partCounts.put(message, parts);
        List<Row> list = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            list.add(new Row(message, p));
        }
        return list;
    }

    private int parts(MessageViewModel message) {
        // a message that is not shown yet is not parsed in full just to count its rows
        int blocks = message.streamingProperty().get() ? message.parsed(renderers.forRole(message.role())).blocks().size()
                : message.blockCount(renderers.forRole(message.role()));
        return Math.max(1, (blocks + BLOCKS_PER_ROW - 1) / BLOCKS_PER_ROW);
    }

    private void watchLast() {
        if (watched != null) {
            watched.textProperty().removeListener(lastGrew);
        }
        watched = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (watched != null) {
            watched.textProperty().addListener(lastGrew);
        }
    }

    /** The streamed message got more blocks: add rows for them at the end. */
    private void grow() {
        if (partCounts.get(watched) != null && partCounts.get(watched) == 0) {
            return; // results shown on the cards
        }
        int had = partCounts.getOrDefault(watched, 1);
        int now = parts(watched);
        if (now <= had) {
            return;
        }
        partCounts.put(watched, now);
        List<Row> added = new ArrayList<>();
        for (int p = had; p < now; p++) {
            added.add(new Row(watched, p));
        }
        rows.addAll(added);
    }
}
