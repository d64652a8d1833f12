package io.toolsmith.ui.chat;

import io.toolsmith.ui.common.CopyButton;
import io.toolsmith.ui.markdown.MarkdownView;
import io.toolsmith.ui.markdown.ParsedMarkdown;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One visible chat row: a message's header and first blocks, or a later part of a long message.
 * Cells are reused by the list: {@link #updateItem} moves the one text
 * listener from the old message to the new one (nothing stays bound to a message the cell no
 * longer shows) and re-renders from the message's cached parse. FX thread only.
 */
final class MessageCell extends ListCell<MessageRows.Row> {
    private final ChatRenderers renderers;
    private final VBox bubble = new VBox(4);
    private final Label role = new Label();
    private final MarkdownView assistantView;
    private final MarkdownView plainView;
    private final FlowPane images = new FlowPane(4, 4);
    private final InvalidationListener textChanged = obs -> render();
    private MessageViewModel shown;
    private int part;
    private final HBox header;
    private String lastConversation;

    MessageCell(ChatRenderers renderers, ListView<MessageRows.Row> list) {
        this.renderers = renderers;
        assistantView = new MarkdownView(renderers.forRole(MessageRole.ASSISTANT));
        plainView = new MarkdownView(renderers.forRole(MessageRole.FUNCTION_RESULTS));
        role.getStyleClass().add("message-role");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        CopyButton copy = new CopyButton(() -> shown == null ? "" : shown.text());
        copy.setId("copy-message");
        header = new HBox(6, role, spacer, copy);
        bubble.getChildren().addAll(header, images);
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
        if (shown != null) {
            shown.textProperty().removeListener(textChanged);
        }
        if (empty || item == null) {
            // keep the conversation of the last item, to know whether nodes may be reused
            lastConversation = shown == null ? lastConversation : shown.conversationId();
            shown = null;
            setGraphic(null);
            return;
        }
        String previous = shown == null ? lastConversation : shown.conversationId();
        if (previous == null || !previous.equals(item.conversationId())) {
            // call cards belong to one chat's calls: never reuse them for another chat
            assistantView.clear();
        }
        shown = item;
        part = row.part();
        item.textProperty().addListener(textChanged);
        boolean first = part == 0;
        header.setVisible(first);
        header.setManaged(first);
        bubble.getStyleClass().remove("message-continued");
        if (!first) {
            bubble.getStyleClass().add("message-continued");
        }
        role.setText(item.role().label());
        bubble.getStyleClass().removeIf(c -> c.startsWith("message-") && !c.equals("message-continued"));
        bubble.getStyleClass().add("message-" + item.role().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        images.getChildren().clear();
        for (Path p : first ? item.images() : List.<Path>of()) {
            ImageView thumb = new ImageView(new Image(p.toUri().toString(), 96, 96, true, true, true));
            thumb.getStyleClass().add("attachment-thumb");
            images.getChildren().add(thumb);
        }
        images.setManaged(first && !item.images().isEmpty());
        MarkdownView view = item.role() == MessageRole.ASSISTANT ? assistantView : plainView;
        MarkdownView other = view == assistantView ? plainView : assistantView;
        bubble.getChildren().remove(other);
        if (!bubble.getChildren().contains(view)) {
            bubble.getChildren().add(1, view);
        }
        render();
        setGraphic(bubble);
    }

    private void render() {
        if (shown == null) {
            return;
        }
        MarkdownView view = shown.role() == MessageRole.ASSISTANT ? assistantView : plainView;
        ParsedMarkdown parsed = shown.parsed(renderers.forRole(shown.role()));
        int from = Math.min(parsed.blocks().size(), part * MessageRows.BLOCKS_PER_ROW);
        int to = Math.min(parsed.blocks().size(), from + MessageRows.BLOCKS_PER_ROW);
        view.show(new ParsedMarkdown(parsed.text(), parsed.blocks().subList(from, to), parsed.sources().subList(from, to)));
    }
}
