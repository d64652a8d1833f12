package io.toolsmith.ui.window;

import io.toolsmith.conversation.ChatSummary;
import io.toolsmith.ui.common.LazyContextMenu;
import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The left column: New chat, search by title and message text (Esc clears it; a chat found by its messages shows a
 * line around the match), the chats with rename / delete / export. FX thread only.
 */
public final class ConversationListPane extends VBox {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm").withZone(ZoneId.systemDefault());
    private final ConversationListViewModel model;
    private final ListView<ChatSummary> list = new ListView<>();
    private final Snackbar snackbar;

    public ConversationListPane(ConversationListViewModel model, Snackbar snackbar) {
        super(6);
        this.model = model;
        this.snackbar = snackbar;
        getStyleClass().add("conversation-list-pane");
        Button newChat = new Button("New chat");
        newChat.setId("new-chat");
        newChat.setMaxWidth(Double.MAX_VALUE);
        newChat.setOnAction(e -> model.newChat());
        TextField search = new TextField();
        search.setId("conversation-search");
        search.setPromptText("Search chats");
        search.textProperty().bindBidirectional(model.searchProperty());
        search.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !search.getText().isEmpty()) {
                search.clear();
                e.consume();
            }
        });
        list.setId("conversation-list");
        list.setItems(model.shown());
        list.setCellFactory(lv -> new SummaryCell());
        Label empty = new Label();
        empty.setId("conversation-list-empty");
        empty.setWrapText(true);
        empty.textProperty().bind(Bindings.createStringBinding(model::emptyText, model.searchProperty()));
        list.setPlaceholder(empty);
        // A chat listed again for a new search keeps its cell, which must show the new line around the match.
        model.foundLines().addListener((javafx.beans.InvalidationListener) o -> list.refresh());
        model.searchProblemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                snackbar.show(now, null, null);
            }
        });
        // F2 and Delete act on the chat the list has selected; handled here, as the list would otherwise keep them.
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            ChatSummary chat = list.getSelectionModel().getSelectedItem();
            if (chat == null) {
                return;
            }
            if (e.getCode() == KeyCode.F2) {
                e.consume();
                renameSelected();
            } else if (e.getCode() == KeyCode.DELETE) {
                e.consume();
                delete(chat);
            } else if (e.getCode() == KeyCode.ESCAPE && !search.getText().isEmpty()) {
                e.consume();
                search.clear();
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != list.getSelectionModel().getSelectedItem()) {
                list.getSelectionModel().select(now);
            }
        });
        setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(newChat, search, list);
        setMinWidth(180);
        setPrefWidth(230);
    }

    public void renameSelected() {
        ChatSummary chat = model.selectedProperty().get();
        if (chat == null) {
            return;
        }
        TextInputDialog dialog = new TextInputDialog(chat.title());
        dialog.setTitle("Rename chat");
        dialog.setHeaderText(null);
        dialog.setContentText("Title:");
        dialog.initOwner(getScene().getWindow());
        dialog.showAndWait().ifPresent(title -> model.rename(chat, title));
    }

    public void delete(ChatSummary chat) {
        model.delete(chat);
        snackbar.show(model.noticeProperty().get(), "Undo", model::undoDelete);
    }

    private void export(ChatSummary chat, ConversationCatalog.ExportFormat format) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export chat");
        String suffix = format == ConversationCatalog.ExportFormat.MARKDOWN ? ".md" : ".json";
        chooser.setInitialFileName(chat.title().replaceAll("[^\\w. -]", "_") + suffix);
        File target = chooser.showSaveDialog(getScene().getWindow());
        if (target != null) {
            model.export(chat, format, target.toPath(), sentence -> snackbar.show(sentence, null, null));
        }
    }

    private final class SummaryCell extends ListCell<ChatSummary> {
        private final Label title = new Label();
        private final Label found = new Label();
        private final Label when = new Label();
        /** A chat found by its messages: its title, the line that matched, its time. */
        private final VBox withLine = new VBox(1, title, found, when);

        SummaryCell() {
            found.getStyleClass().add("found-line");
            for (Label label : new Label[] {title, found, when}) {
                label.setTextOverrun(OverrunStyle.ELLIPSIS);
                label.setMinWidth(0);
                label.maxWidthProperty().bind(widthProperty().subtract(16));
            }
            MenuItem rename = new MenuItem("Rename…");
            rename.setOnAction(e -> {
                model.selectedProperty().set(getItem());
                renameSelected();
            });
            MenuItem delete = new MenuItem("Delete");
            delete.setOnAction(e -> delete(getItem()));
            MenuItem markdown = new MenuItem("Export as Markdown…");
            markdown.setOnAction(e -> export(getItem(), ConversationCatalog.ExportFormat.MARKDOWN));
            MenuItem json = new MenuItem("Export as JSON…");
            json.setOnAction(e -> export(getItem(), ConversationCatalog.ExportFormat.JSON));
            LazyContextMenu.install(this, () -> !isEmpty() && getItem() != null,
                    () -> new ContextMenu(rename, delete, markdown, json));
            // as wide as the list, a long title shortened, rather than a sideways scroll bar under the chats
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(ChatSummary item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
            } else {
                String time = item.updated() == null ? "" : WHEN.format(item.updated());
                String line = model.foundLine(item);
                if (line == null) {
                    setText(item.title() + (time.isEmpty() ? "" : "\n" + time));
                    setGraphic(null);
                } else {
                    title.setText(item.title());
                    found.setText(line);
                    when.setText(time);
                    when.setManaged(!time.isEmpty());
                    setText(null);
                    setGraphic(withLine);
                }
            }
        }
    }
}
