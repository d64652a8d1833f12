package io.toolsmith.ui.chat;

import io.toolsmith.ui.common.CopyButton;
import io.toolsmith.ui.common.LazyContextMenu;
import io.toolsmith.ui.common.Tooltips;
import io.toolsmith.ui.markdown.MarkdownView;
import io.toolsmith.ui.markdown.ParsedMarkdown;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.Group;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One chat row: a message's header and first blocks, or a later part of a long message.
 * Cells are reused by the list: {@link #updateItem} moves the one text listener from the old
 * message to the new one (nothing stays bound to a message the cell no longer shows) and
 * re-renders from the message's cached parse.
 *
 * <p>The list also measures rows it does not show, with a hidden cell of its own. That cell
 * builds no nodes when the row's height is known ({@link RowHeights}) or the row is not just above
 * the visible ones (an estimate is enough there); it renders only the rows the list places above
 * the first visible one when scrolling up, whose exact height avoids a gap or an overlap.
 * FX thread only.
 */
final class MessageCell extends ListCell<MessageRows.Row> {
    private static final int NEAR_ROWS = 6;
    private final ChatRenderers renderers;
    private final RowHeights heights;
    private final ChatListSkin<MessageRows.Row> skin;
    private final VBox bubble = new VBox(4);
    private final Label role = new Label();
    private final MarkdownView assistantView;
    private final MarkdownView plainView;
    private final MarkdownView userView;
    private final FlowPane images = new FlowPane(4, 4);
    private final FindMarks marks = new FindMarks();
    private final InvalidationListener textChanged = obs -> render();
    private final HBox header;
    private final Supplier<ChatViewModel> chat;
    private final HBox actions;
    private final Button edit = action("Edit", "edit-message", "Edit this message and send it again");
    private final Button regenerate = action("Regenerate", "regenerate-message",
            "Drop this reply and ask for it again (Ctrl+Shift+R)");
    private final Button delete = action("Delete", "delete-message", "Delete this message");
    private final Button fork = action("Fork", "fork-message", "Start a new chat with the messages up to this one");
    private final MenuItem copyItem = new MenuItem("Copy");
    private final MenuItem editItem = new MenuItem("Edit");
    private final MenuItem regenerateItem = new MenuItem("Regenerate");
    private final MenuItem deleteItem = new MenuItem("Delete");
    private final MenuItem forkItem = new MenuItem("Fork");
    private MessageViewModel shown;
    private int part;
    private String lastConversation;
    private boolean deferred;

    MessageCell(ChatRenderers renderers, ListView<MessageRows.Row> list, RowHeights heights,
            ChatListSkin<MessageRows.Row> skin, Supplier<ChatViewModel> chat) {
        this.renderers = renderers;
        this.chat = chat;
        this.heights = heights;
        this.skin = skin;
        assistantView = new MarkdownView(renderers.forRole(MessageRole.ASSISTANT));
        plainView = new MarkdownView(renderers.forRole(MessageRole.FUNCTION_RESULTS));
        userView = new MarkdownView(renderers.forRole(MessageRole.USER));
        role.getStyleClass().add("message-role");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        CopyButton copy = new CopyButton(() -> shown == null ? "" : shown.text());
        copy.setId("copy-message");
        copy.setFocusTraversable(true);
        actions = new HBox(2, edit, regenerate, delete, fork);
        actions.getStyleClass().add("message-actions");
        // Shown while the pointer is over the message or one of its buttons has the keyboard's focus. Transparent
        // rather than hidden otherwise: a hidden button cannot be reached with Tab, a transparent one can.
        actions.opacityProperty().bind(Bindings.when(hoverProperty().or(actions.focusWithinProperty()))
                .then(1.0).otherwise(0.0));
        header = new HBox(6, role, spacer, actions, copy);
        edit.setOnAction(e -> whenShown(m -> chat.get().beginEdit(m)));
        regenerate.setOnAction(e -> whenShown(m -> chat.get().regenerate()));
        delete.setOnAction(e -> whenShown(m -> chat.get().delete(m)));
        fork.setOnAction(e -> whenShown(m -> chat.get().fork(m)));
        copyItem.setOnAction(e -> CopyButton.copy(shown == null ? "" : shown.text()));
        editItem.setOnAction(edit.getOnAction());
        regenerateItem.setOnAction(regenerate.getOnAction());
        deleteItem.setOnAction(delete.getOnAction());
        forkItem.setOnAction(fork.getOnAction());
        LazyContextMenu.install(this, () -> shown != null, () -> {
            ContextMenu menu = new ContextMenu(copyItem, editItem, regenerateItem, deleteItem, forkItem);
            menu.setId("message-menu");
            return menu;
        });
        bubble.getChildren().addAll(header, images, marks);
        bubble.getStyleClass().add("message");
        // wrap text to the list's width instead of growing sideways
        bubble.prefWidthProperty().bind(list.widthProperty().subtract(40));
        bubble.maxWidthProperty().bind(list.widthProperty().subtract(40));
        setPrefWidth(0);
        getStyleClass().add("message-cell");
    }

    @Override
    protected void updateItem(MessageRows.Row row, boolean empty) {
        super.updateItem(row, empty);
        MessageViewModel item = row == null ? null : row.message();
        // The message whose header (and actions) this row shows, for whoever looks the row up (tests, tools).
        setUserData(empty || row == null || row.part() > 0 ? null : item);
        if (shown != null) {
            shown.textProperty().removeListener(textChanged);
        }
        deferred = false;
        if (empty || item == null) {
            // keep the conversation of the last item, to know whether nodes may be reused
            lastConversation = shown == null ? lastConversation : shown.conversationId();
            shown = null;
            setGraphic(null);
            return;
        }
        if (isMeasuringCell()) {
            shown = item;
            part = row.part();
            deferred = true; // built in computePrefHeight, and only if the height is needed exactly
            setGraphic(null);
            return;
        }
        build(item, row.part());
        item.textProperty().addListener(textChanged);
    }

    /** The list's hidden measuring cell lives in an invisible group; the shown cells do not. */
    private boolean isMeasuringCell() {
        return getParent() instanceof Group group && !group.isVisible();
    }

    private void build(MessageViewModel item, int rowPart) {
        String previous = shown == null ? lastConversation : shown.conversationId();
        if (previous == null || !previous.equals(item.conversationId())) {
            // call cards belong to one chat's calls: never reuse them for another chat
            assistantView.clear();
        }
        shown = item;
        part = rowPart;
        boolean first = part == 0;
        header.setVisible(first);
        header.setManaged(first);
        role.setText(item.role().label());
        showActions(item);
        String roleStyle = "message-" + item.role().name().toLowerCase(Locale.ROOT).replace('_', '-');
        List<String> styles = first ? List.of("message", roleStyle) : List.of("message", roleStyle, "message-continued");
        if (!bubble.getStyleClass().filtered(c -> !c.equals("message-continues")).equals(styles)) {
            bubble.getStyleClass().setAll(styles);
        }
        images.getChildren().clear();
        for (Path p : first ? item.images() : List.<Path>of()) {
            ImageView thumb = new ImageView(new Image(p.toUri().toString(), 96, 96, true, true, true));
            thumb.getStyleClass().add("attachment-thumb");
            images.getChildren().add(thumb);
        }
        images.setManaged(first && !item.images().isEmpty());
        MarkdownView view = viewFor(item.role());
        bubble.getChildren().removeAll(List.of(assistantView, userView, plainView).stream().filter(v -> v != view).toList());
        if (!bubble.getChildren().contains(view)) {
            bubble.getChildren().add(1, view);
        }
        render();
        setGraphic(bubble);
    }

    private static Button action(String text, String id, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().addAll("message-action", "flat", "small");
        Tooltips.set(b, tip);
        return b;
    }

    private void whenShown(Consumer<MessageViewModel> act) {
        if (shown != null && chat.get() != null) {
            act.accept(shown);
        }
    }

    /**
     * The actions this message offers: Edit for the user's own, Regenerate for the reply of the last turn, Delete
     * for both, Fork for any message the chat stores; all off while a turn runs (it is changing the chat).
     */
    private void showActions(MessageViewModel item) {
        ChatViewModel owner = chat.get();
        boolean user = item.role() == MessageRole.USER;
        boolean reply = item.role() == MessageRole.ASSISTANT;
        boolean stored = user || reply || item.role() == MessageRole.FUNCTION_RESULTS;
        boolean last = reply && owner != null && owner.isInLastTurn(item);
        show(edit, editItem, user);
        show(regenerate, regenerateItem, last);
        show(delete, deleteItem, user || reply);
        show(fork, forkItem, stored);
        actions.disableProperty().unbind();
        if (owner != null) {
            var busy = Bindings.notEqual(ChatState.IDLE, owner.stateProperty());
            actions.disableProperty().bind(busy);
            for (MenuItem item2 : List.of(editItem, regenerateItem, deleteItem, forkItem)) {
                item2.disableProperty().unbind();
                item2.disableProperty().bind(busy);
            }
        }
    }

    private static void show(Button button, MenuItem item, boolean on) {
        button.setVisible(on);
        button.setManaged(on);
        item.setVisible(on);
    }

    private void render() {
        if (shown == null || deferred) {
            return;
        }
        MarkdownView view = viewFor(shown.role());
        renderers.renderFor(shown, () -> view.show(slice()));
        joinRows();

    }

    /**
     * Rows of one message read as one bubble: a row followed by more of its message has no bottom
     * edge and a later row no top edge, with no gap between them.
     */
    private void joinRows() {
        int blocks = shown.parsed(renderers.forRole(shown.role())).blocks().size();
        boolean continues = (part + 1) * MessageRows.BLOCKS_PER_ROW < blocks;
        toggle(bubble.getStyleClass(), "message-continues", continues);
        toggle(getStyleClass(), "row-continues", continues);
        toggle(getStyleClass(), "row-continued", part > 0);
    }

    private static void toggle(List<String> styles, String style, boolean on) {
        if (on && !styles.contains(style)) {
            styles.add(style);
        } else if (!on) {
            styles.remove(style);
        }
    }

    private MarkdownView viewFor(MessageRole role) {
        return switch (role) {
            case ASSISTANT -> assistantView;
            case USER -> userView;
            default -> plainView;
        };
    }

    private ParsedMarkdown slice() {
        ParsedMarkdown parsed = shown.parsed(renderers.forRole(shown.role()));
        int from = Math.min(parsed.blocks().size(), part * MessageRows.BLOCKS_PER_ROW);
        int to = Math.min(parsed.blocks().size(), from + MessageRows.BLOCKS_PER_ROW);
        return new ParsedMarkdown(parsed.text(), parsed.blocks().subList(from, to), parsed.sources().subList(from, to));
    }

    @Override
    protected double computePrefHeight(double width) {
        MessageRows.Row row = getItem();
        if (deferred && row != null) {
            double known = heights.get(row, shown.text().length(), width);
            if (!Double.isNaN(known)) {
                return known;
            }
            int near = nearVisibleRows();
            if (near > 0) {
                // a row below the visible ones is laid out for real once it comes into view (a
                // growing reply adds its rows there); guessing low keeps the list from placing the
                // last rows too high and leaving a gap below them until then
                return RowHeights.estimate(slice(), part == 0, width) / 2;
            } else if (near < 0) {
                return RowHeights.estimate(slice(), part == 0, width);
            }
            deferred = false;
            build(shown, part);
            applyCss();
        }
        double height = shown == null || getGraphic() != bubble ? super.computePrefHeight(width) : heightAt(width);
        if (row != null && shown != null && width > 0) {
            heights.put(row, shown.text().length(), width, height);
        }
        return height;
    }

    /**
     * The row's height when the bubble wraps its text at the width it is actually given. A cell's
     * default measures its graphic at the graphic's own preferred width, with no width to wrap
     * to, which is shorter than the wrapped text at the row's width: the bubble then reached
     * into the next row.
     */
    private double heightAt(double width) {
        double bubbleWidth = bubbleWidth(width > 0 ? width : getWidth());
        return snappedTopInset() + bubble.prefHeight(bubbleWidth) + snappedBottomInset();
    }

    private double bubbleWidth(double cellWidth) {
        double room = cellWidth - snappedLeftInset() - snappedRightInset();
        double wanted = bubble.prefWidth(-1);
        return room > 0 ? Math.min(wanted, room) : wanted;
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (getGraphic() == bubble) {
            // the same width and height the row was measured with (see heightAt)
            double w = bubbleWidth(getWidth());
            bubble.resizeRelocate(snappedLeftInset(), snappedTopInset(), w, bubble.prefHeight(w));
        }
    }

    /** Marks where {@code query} (lower case; empty for none) occurs in what the row shows; after layout. */
    void markFind(String query) {
        marks.mark(bubble, getGraphic() == bubble ? query : "");
    }

    /** How many pieces of text the find marks in this row. */
    int findMarks() {
        return marks.count();
    }

    /** A measuring cell that built nothing answers with its known or estimated height alone. */
    @Override
    protected double computeMinHeight(double width) {
        return deferred ? 0 : super.computeMinHeight(width);
    }

    /**
     * 0 for a row just above the visible ones or among them (the list places it from this height
     * when scrolling up, so it must be exact), 1 for a row below them, -1 for a row far above.
     */
    private int nearVisibleRows() {
        VirtualFlow<? extends IndexedCell<?>> flow = skin.flow();
        IndexedCell<?> first = flow.getFirstVisibleCell();
        IndexedCell<?> last = flow.getLastVisibleCell();
        int index = getIndex();
        if (first == null || last == null) {
            return -1;
        }
        return index > last.getIndex() ? 1 : index >= first.getIndex() - NEAR_ROWS ? 0 : -1;
    }
}
