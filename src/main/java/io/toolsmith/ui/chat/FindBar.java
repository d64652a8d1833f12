package io.toolsmith.ui.chat;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;

/**
 * Find in chat (Ctrl+F): the bar with the text, previous / next, the count and close; the current match's message is
 * selected and the text is marked in the rows on screen. The transcript it searches is reached through
 * {@link Transcript}. FX thread only.
 */
final class FindBar extends HBox {
    private final TextField field = new TextField();
    private final Label status = new Label();
    private final TranscriptFind find = new TranscriptFind();
    private final Transcript transcript;
    /** A find asked for before the chat's messages were loaded, done when they arrive. */
    private boolean whenLoaded;
    /** Rows that show find marks, so closing the find takes them away also from rows scrolled out of view. */
    private final Set<MessageCell> marked = Collections.newSetFromMap(new WeakHashMap<>());

    /** What the bar needs of the chat view. */
    interface Transcript {
        ChatViewModel chat();

        /** Selects and scrolls to the message's first row; -1 clears the selection. */
        void select(int message);

        /** The bar closed: the message box takes the focus back. */
        void closed();

        VirtualFlow<? extends IndexedCell<?>> flow();
    }

    FindBar(Transcript transcript) {
        super(6);
        this.transcript = transcript;
        field.setId("find-field");
        field.setPromptText("Find in chat");
        // Enter finds the next match, Shift+Enter the previous one, Esc closes; typing finds from the top.
        field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                next(e.isShiftDown() ? -1 : 1);
            } else if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                show(false);
            }
        });
        field.textProperty().addListener((obs, old, now) -> searchFrom(0));
        status.setId("find-status");
        Button previous = button("↑", "find-previous");
        previous.setOnAction(e -> next(-1));
        Button next = button("↓", "find-next");
        next.setOnAction(e -> next(1));
        Button close = button("✕", "find-close");
        close.setOnAction(e -> show(false));
        getChildren().addAll(field, previous, next, status, close);
        setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("find-bar");
        setId("find-bar");
        setVisible(false);
        setManaged(false);
    }

    private static Button button(String text, String id) {
        Button button = new Button(text);
        button.setId(id);
        button.getStyleClass().addAll("flat", "small");
        return button;
    }

    void show(boolean visible) {
        setVisible(visible);
        setManaged(visible);
        if (visible) {
            field.requestFocus();
            field.selectAll();
            searchFrom(0);
        } else {
            transcript.select(-1);
            transcript.closed();
        }
    }

    /** Opens on {@code text} and goes to its first match, once the messages are loaded; the focus stays where it is. */
    void find(String text) {
        setVisible(true);
        setManaged(true);
        field.setText(text);
        ChatViewModel chat = transcript.chat();
        whenLoaded = chat != null && chat.messages().isEmpty();
        searchFrom(0);
    }

    /** Goes to the next message containing the text ({@code step} 1), or the previous one (-1), wrapping. */
    void next(int step) {
        select(find.move(step));
    }

    /** Another chat is shown: a find waiting for the previous one's messages is dropped. */
    void chatShown() {
        whenLoaded = false;
    }

    /** The shown chat's messages changed: a find waiting for them is done. */
    void messagesChanged() {
        ChatViewModel chat = transcript.chat();
        if (whenLoaded && chat != null && !chat.messages().isEmpty()) {
            whenLoaded = false;
            // once the rows have the new messages too: their listener runs after this one
            Platform.runLater(() -> {
                if (transcript.chat() == chat) {
                    searchFrom(0);
                }
            });
        }
    }

    /** Searches the messages again, from message {@code from}; selects the first match. */
    private void searchFrom(int from) {
        ChatViewModel chat = transcript.chat();
        List<MessageViewModel> items = chat == null ? List.of() : chat.messages();
        find.search(items.stream().map(MessageViewModel::text).toList(), field.getText(), from);
        select(find.currentMessage());
    }

    private void select(int message) {
        transcript.select(message);
        status.setText(find.status(field.getText()));
    }

    /**
     * Marks the text in the rows on screen while the bar is open, and takes the marks away when it closes or is
     * emptied. Called after layout, where the text flows have their lines.
     */
    void markFound() {
        String query = isVisible() ? TranscriptFind.normalize(field.getText()) : "";
        if (query.isEmpty() && marked.isEmpty()) {
            return;
        }
        VirtualFlow<? extends IndexedCell<?>> flow = transcript.flow();
        IndexedCell<?> first = flow.getFirstVisibleCell();
        IndexedCell<?> last = flow.getLastVisibleCell();
        for (int i = first == null ? 0 : first.getIndex(); first != null && last != null && i <= last.getIndex(); i++) {
            if (flow.getVisibleCell(i) instanceof MessageCell cell) {
                cell.markFind(query);
                if (cell.findMarks() > 0) {
                    marked.add(cell);
                }
            }
        }
        if (query.isEmpty()) {
            marked.forEach(cell -> cell.markFind(""));
            marked.clear();
        }
    }
}
