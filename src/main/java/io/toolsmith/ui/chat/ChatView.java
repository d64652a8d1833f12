package io.toolsmith.ui.chat;

import io.toolsmith.ui.markdown.LinkPolicy;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.Node;
import javafx.scene.control.Button;

/**
 * The chat: a virtualized {@link ListView} of message rows (one node tree per visible row only), the
 * find bar (Ctrl+F) and the {@link Composer}. While a reply streams the list follows the end,
 * unless the user scrolled up; scrolling back to the bottom resumes following. FX thread only.
 */
public final class ChatView extends BorderPane {
    /** The keys that move the list; others (Space on a card's button, Ctrl+C) do not change what it follows. */
    private static final Set<KeyCode> SCROLLING_KEYS = EnumSet.of(KeyCode.PAGE_UP, KeyCode.PAGE_DOWN, KeyCode.HOME,
            KeyCode.END, KeyCode.UP, KeyCode.DOWN, KeyCode.KP_UP, KeyCode.KP_DOWN);
    private final ListView<MessageRows.Row> list = new ListView<>();
    private final ChatListSkin<MessageRows.Row> skin = new ChatListSkin<>(list);
    private final MessageRows rows;
    private final Composer composer = new Composer();
    private final ChatHeader header = new ChatHeader();
    private final FindBar findBar;
    private final Label notice = new Label();
    private final HBox noticeBox = new HBox(notice);
    private final PauseTransition noticeShown = new PauseTransition(Duration.seconds(8));
    private final InvalidationListener lastTextChanged = obs -> followEnd();
    /** A call card now asks Run once / Approve / Deny: show it even if the user had scrolled up. */
    private final InvalidationListener decisionAsked = obs -> {
        following = true;
        scrollToEnd();
    };
    private final ListChangeListener<MessageViewModel> messagesChanged = c -> onMessagesChanged();
    private final Label editingLabel = new Label();
    private final HBox editingBar = new HBox(8);
    private final javafx.beans.value.ChangeListener<MessageViewModel> editingChanged =
            (obs, old, now) -> showEditing(now);
    private ChatViewModel chat;
    private MessageViewModel watchedLast;
    private boolean following = true;
    /** Whether the view followed the end, or showed it, when the mouse button went down in it. */
    private boolean followingBeforePress = true;
    private boolean scrollPending;

    public ChatView(LinkPolicy links, Executor highlightPool) {
        ChatRenderers renderers = new ChatRenderers(links, highlightPool, () -> chat);
        links.setOnNoBrowser(url -> showNotice("Could not open a browser; the link is copied: " + url));
        rows = new MessageRows(renderers);
        list.setItems(rows.rows());
        list.setId("chat-list");
        list.getStyleClass().add("chat-list");
        list.setSkin(skin);
        list.setCellFactory(lv -> new MessageCell(renderers, lv, rows.heights(), skin, () -> chat));
        list.setFocusTraversable(false);
        // only the user's own scrolling changes whether the list follows the end; the flow's
        // position also moves when a growing cell changes the estimated size, which must not count
        list.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0) {
                following = false;
            } else {
                Platform.runLater(this::resumeFollowingIfAtEnd);
            }
        });
        // While the button is down the view holds still (text being selected does not run away). Dragging the
        // scroll bar and paging with keys are the user's own scrolling: the release resumes following if the end is
        // in view once laid out. A click on the chat's content (a card's code opened, Copy) is not scrolling: it
        // leaves following as it was when the button went down, decided here, before the clicked control acts.
        // Checked after the release instead, a click that makes a row taller stopped following whenever a frame was
        // laid out before the check, as happens on a busy machine, and left the row's end out of sight.
        list.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            followingBeforePress = following || isAtEnd();
            following = false;
        });
        list.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (e.isStillSincePress() && !onScrollBar(e)) {
                following = followingBeforePress;
            } else {
                Platform.runLater(this::resumeFollowingIfAtEnd);
            }
        });
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (SCROLLING_KEYS.contains(e.getCode())) {
                following = false;
            }
        });
        list.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (SCROLLING_KEYS.contains(e.getCode())) {
                Platform.runLater(this::resumeFollowingIfAtEnd);
            }
        });
        findBar = new FindBar(new FindBar.Transcript() {
            @Override
            public ChatViewModel chat() {
                return chat;
            }

            @Override
            public void select(int message) {
                selectMessage(message);
            }

            @Override
            public void closed() {
                composer.input().requestFocus();
            }

            @Override
            public VirtualFlow<? extends IndexedCell<?>> flow() {
                return skin.flow();
            }
        });
        Runnable postLayout = this::onPostLayout;
        sceneProperty().addListener((obs, old, now) -> {
            if (old != null) {
                old.removePostLayoutPulseListener(postLayout);
            }
            if (now != null) {
                now.addPostLayoutPulseListener(postLayout);
            }
        });
        notice.setId("chat-notice");
        notice.setWrapText(true);
        noticeBox.getStyleClass().add("chat-notice");
        noticeBox.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        noticeBox.setVisible(false);
        noticeShown.setOnFinished(e -> noticeBox.setVisible(false));
        StackPane.setAlignment(noticeBox, Pos.BOTTOM_CENTER);
        StackPane.setMargin(noticeBox, new Insets(0, 24, 12, 24));
        setTop(new javafx.scene.layout.VBox(header, findBar));
        setCenter(new StackPane(list, noticeBox));
        editingLabel.setId("editing-label");
        Button cancelEdit = new Button("Cancel");
        cancelEdit.setId("cancel-edit");
        cancelEdit.getStyleClass().addAll("flat", "small");
        cancelEdit.setOnAction(e -> chat.cancelEdit());
        editingBar.getChildren().addAll(editingLabel, cancelEdit);
        editingBar.getStyleClass().add("editing-bar");
        editingBar.setId("editing-bar");
        editingBar.setVisible(false);
        editingBar.managedProperty().bind(editingBar.visibleProperty());
        setBottom(new VBox(editingBar, composer));
        // Filters run before the composer's own keys: Esc cancels an edit rather than stopping a reply.
        addEventFilter(KeyEvent.KEY_PRESSED, this::onActionKey);
    }

    private void onActionKey(KeyEvent e) {
        if (chat == null) {
            return;
        }
        if (e.getCode() == KeyCode.ESCAPE && chat.editingProperty().get() != null) {
            chat.cancelEdit();
            e.consume();
        } else if (e.getCode() == KeyCode.R && e.isShortcutDown() && e.isShiftDown()) {
            chat.regenerate();
            e.consume();
        } else if (e.getCode() == KeyCode.E && e.isShortcutDown() && e.isShiftDown()) {
            editLast();
            e.consume();
        }
    }

    /** Ctrl+Shift+E: the last message of the user's goes into the composer to be edited. */
    private void editLast() {
        for (int i = chat.messages().size() - 1; i >= 0; i--) {
            if (chat.messages().get(i).role() == MessageRole.USER) {
                chat.beginEdit(chat.messages().get(i));
                composer.lookup("#chat-input").requestFocus();
                return;
            }
        }
    }

    private void showEditing(MessageViewModel message) {
        editingBar.setVisible(message != null);
        if (message != null) {
            editingLabel.setText("Editing — Esc to cancel. Send replaces your message and what followed it.");
            Node input = composer.lookup("#chat-input");
            if (input != null) {
                input.requestFocus();
            }
        }
    }

    /** A short message over the bottom of the chat (a link that could not be opened), gone after a few seconds. */
    public void showNotice(String sentence) {
        notice.setText(sentence);
        noticeBox.setVisible(true);
        noticeShown.playFromStart();
    }

    public Label notice() {
        return notice;
    }

    public ListView<?> list() {
        return list;
    }

    public Composer composer() {
        return composer;
    }

    public ChatViewModel chat() {
        return chat;
    }

    /** Shows another conversation; the previous one keeps running in its own view model. */
    public void show(ChatViewModel next) {
        if (chat != null) {
            chat.messages().removeListener(messagesChanged);
            chat.decisionsAskedProperty().removeListener(decisionAsked);
            chat.editingProperty().removeListener(editingChanged);
        }
        chat = next;
        findBar.chatShown();
        next.editingProperty().addListener(editingChanged);
        showEditing(next.editingProperty().get());
        next.setRewindQuestion((action, preview, answer) ->
                RewindDialog.ask(getScene() == null ? null : getScene().getWindow(), action, preview, answer));
        next.setNameInUseQuestion((name, answer) ->
                NameInUseDialog.ask(getScene() == null ? null : getScene().getWindow(), name, answer));
        next.messages().addListener(messagesChanged);
        next.decisionsAskedProperty().addListener(decisionAsked);
        rows.bind(next.messages());
        composer.bind(next);
        header.bind(next);
        watchLast();
        following = true;
        scrollToEnd();
    }

    public void showFind(boolean visible) {
        findBar.show(visible);
    }

    /**
     * Opens the find bar on {@code text} and goes to its first match, once the chat's messages are loaded; the focus
     * stays where it is (the chat list, when a chat is opened from its search).
     */
    public void find(String text) {
        findBar.find(text);
    }

    /** Goes to the next message containing the find text ({@code step} 1), or the previous one (-1), wrapping. */
    public void findNext(int step) {
        findBar.next(step);
    }

    /** Selects (highlights) and scrolls to the message's first row; -1 clears the selection. */
    private void selectMessage(int message) {
        var items = chat == null ? List.<MessageViewModel>of() : chat.messages();
        if (message >= 0 && message < items.size()) {
            int row = rows.firstRowOf(items.get(message));
            if (row >= 0) {
                list.getSelectionModel().select(row);
                following = false;
                list.scrollTo(row);
            }
        } else {
            list.getSelectionModel().clearSelection();
        }
    }

    private void onMessagesChanged() {
        findBar.messagesChanged();
        watchLast();
        followEnd();
    }

    private void watchLast() {
        if (watchedLast != null) {
            watchedLast.textProperty().removeListener(lastTextChanged);
        }
        watchedLast = chat.messages().isEmpty() ? null : chat.messages().get(chat.messages().size() - 1);
        if (watchedLast != null) {
            watchedLast.textProperty().addListener(lastTextChanged);
        }
    }

    /** Whether the end of the last message is in view. */
    public boolean isAtEnd() {
        VirtualFlow<? extends IndexedCell<?>> flow = skin.flow();
        IndexedCell<?> last = flow.getLastVisibleCell();
        return last == null || (last.getIndex() == list.getItems().size() - 1
                && last.getLayoutY() + last.getHeight() <= flow.getHeight() + 2);
    }

    /** Whether the list scrolls along with a growing reply. */
    public boolean isFollowing() {
        return following;
    }

    /** Whether the pointer went down on one of the list's scroll bars (the target is a part of it). */
    private boolean onScrollBar(MouseEvent e) {
        for (Node n = e.getTarget() instanceof Node target ? target : null; n != null && n != list; n = n.getParent()) {
            if (n instanceof ScrollBar) {
                return true;
            }
        }
        return false;
    }

    private void resumeFollowingIfAtEnd() {
        following = isAtEnd();
    }

    private void followEnd() {
        if (following) {
            scrollToEnd();
        }
    }

    /**
     * Asks for the end to be shown after the next layout: a growing cell gets its new height only
     * then, so scrolling now would stop short by the last frame's growth.
     */
    private void scrollToEnd() {
        if (!scrollPending) {
            scrollPending = true;
            Platform.requestNextPulse();
        }
    }

    private void onPostLayout() {
        findBar.markFound();
        if (!scrollPending && following && chat != null && !isAtEnd()) {
            // the end moved without new text: an image loaded, a code block was highlighted or
            // became selectable, a call card showed its result
            scrollPending = true;
        }
        if (!scrollPending) {
            return;
        }
        scrollPending = false;
        int last = list.getItems().size() - 1;
        if (last < 0) {
            return;
        }
        VirtualFlow<? extends IndexedCell<?>> flow = skin.flow();
        IndexedCell<?> cell = flow.getLastVisibleCell();
        if (cell != null && cell.getIndex() == last) {
            double overflow = cell.getLayoutY() + cell.getHeight() - flow.getHeight();
            if (overflow > 0.5) {
                flow.scrollPixels(overflow);
            }
        } else {
            flow.scrollTo(last);
            flow.setPosition(1.0);
            scrollPending = true; // refine once the last cell has been laid out
            Platform.requestNextPulse();
        }
    }
}
