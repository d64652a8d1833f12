package io.toolsmith.ui.chat;

import io.toolsmith.ui.common.PngWriter;
import io.toolsmith.ui.common.Tooltips;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The input area: Enter or Ctrl+Enter sends, Shift+Enter starts a new line, Esc or Stop cancels
 * the running turn. Files are attached with the Attach menu, by drag and drop (pictures as pictures, other files as
 * text in the message) or, for a picture on the clipboard, with Ctrl+V; they show above the input and a click takes
 * one away. After a failed turn it offers Retry (nothing of the reply arrived) or Continue (part of it did, or
 * the length limit cut the reply off).
 * Bound to one {@link ChatViewModel} at a time. FX thread only.
 */
public final class Composer extends VBox {
    private static final Logger LOG = LoggerFactory.getLogger(Composer.class);
    private final TextArea input = new TextArea();
    private final Button send = new Button("Send");
    private final Button stop = new Button("Stop");
    private final Button resume = new Button("Continue");
    private final Button retry = new Button("Retry");
    private final MenuButton attach = new MenuButton("Attach");
    private final MenuItem attachImages = new MenuItem("Pictures…");
    private final FlowPane thumbnails = new FlowPane(4, 4);
    private final Label attachProblem = new Label();
    private final ListChangeListener<Object> attachmentsChanged = c -> showThumbnails();
    private ChatViewModel chat;

    public Composer() {
        super(6);
        getStyleClass().add("composer");
        input.setId("chat-input");
        input.setPromptText("Message the model (Enter sends, Shift+Enter for a new line)");
        input.setWrapText(true);
        input.setPrefRowCount(3);
        input.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        send.setId("send-button");
        send.getStyleClass().add("accent");
        send.setDefaultButton(false);
        stop.setId("stop-button");
        resume.setId("continue-button");
        Tooltips.set(resume, "Go on: send again what was saved (no call runs twice), or ask the model for"
                + " the rest of a reply cut off at the length limit");
        retry.setId("retry-button");
        // plain, not accent: Send stays the one primary button (Enter sends), Retry sits under it
        Tooltips.set(retry, "Send the same request again; no call runs twice");
        stop.getStyleClass().add("danger");
        attach.setId("attach-button");
        Tooltips.set(attach, "Attach pictures, text files, or put a file in the data folder");
        attachImages.setId("attach-images");
        MenuItem attachText = new MenuItem("Text, CSV, JSON or Markdown into the message…");
        attachText.setId("attach-text");
        MenuItem toData = new MenuItem("To the data folder…");
        toData.setId("attach-to-data");
        attach.getItems().addAll(attachImages, attachText, toData);
        send.setOnAction(e -> sendNow());
        stop.setOnAction(e -> chat.stop());
        resume.setOnAction(e -> chat.continueTurn());
        retry.setOnAction(e -> chat.continueTurn());
        attachImages.setOnAction(e -> choose("Attach pictures", "Pictures", FileAttachment.IMAGE_SUFFIXES)
                .ifPresent(chat::attachFiles));
        attachText.setOnAction(e -> choose("Attach files to the message", "Text, CSV, JSON, Markdown",
                FileAttachment.TEXT_SUFFIXES).ifPresent(chat::attachFiles));
        toData.setOnAction(e -> choose("Put files in the data folder", null, List.of())
                .ifPresent(chat::attachToDataFolder));
        HBox.setHgrow(input, Priority.ALWAYS);
        for (Region b : List.of(send, retry, resume, stop, attach)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.setMaxWidth(Double.MAX_VALUE);
        }
        attachProblem.setId("attach-problem");
        attachProblem.getStyleClass().add("attach-problem");
        attachProblem.setWrapText(true);
        VBox buttons = new VBox(6, send, retry, resume, stop, attach);
        getChildren().addAll(attachProblem, thumbnails, new HBox(6, input, buttons));
        setOnDragOver(e -> {
            if (chat != null && e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            boolean done = e.getDragboard().hasFiles();
            if (done) {
                chat.attachFiles(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }

    public TextArea input() {
        return input;
    }

    /** Shows {@code next}'s draft and state; unbinds from the chat shown before. */
    public void bind(ChatViewModel next) {
        if (chat != null) {
            input.textProperty().unbindBidirectional(chat.draftProperty());
            chat.attachments().removeListener(attachmentsChanged);
            chat.files().removeListener(attachmentsChanged);
        }
        chat = next;
        input.textProperty().bindBidirectional(next.draftProperty());
        next.attachments().addListener(attachmentsChanged);
        next.files().addListener(attachmentsChanged);
        var streaming = Bindings.createBooleanBinding(() -> next.state() != ChatState.IDLE, next.stateProperty());
        send.visibleProperty().bind(streaming.not());
        send.managedProperty().bind(send.visibleProperty());
        retry.visibleProperty().bind(streaming.not().and(next.canRetryProperty()));
        retry.managedProperty().bind(retry.visibleProperty());
        resume.visibleProperty().bind(streaming.not().and(next.canContinueProperty()));
        resume.managedProperty().bind(resume.visibleProperty());
        stop.visibleProperty().bind(streaming);
        stop.managedProperty().bind(stop.visibleProperty());
        stop.disableProperty().bind(Bindings.createBooleanBinding(
                () -> next.state() == ChatState.STOPPING, next.stateProperty()));
        attachImages.disableProperty().bind(next.visionAvailableProperty().not());
        attachProblem.textProperty().bind(next.attachProblemProperty());
        attachProblem.visibleProperty().bind(next.attachProblemProperty().isNotEmpty());
        attachProblem.managedProperty().bind(attachProblem.visibleProperty());
        showThumbnails();
    }

    private void onKey(KeyEvent e) {
        if (e.getCode() == KeyCode.ENTER) {
            if (e.isShiftDown()) {
                input.insertText(input.getCaretPosition(), "\n");
            } else {
                sendNow();
            }
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE) {
            chat.stop();
            e.consume();
        } else if (e.getCode() == KeyCode.V && e.isShortcutDown() && pasteFromClipboard(Clipboard.getSystemClipboard())) {
            e.consume();
        }
    }

    /**
     * Ctrl+V with a picture or files on the clipboard attaches them; plain text is left to the input. A picture is
     * written to a temporary PNG file, since attachments are files.
     */
    boolean pasteFromClipboard(Clipboard clipboard) {
        if (chat == null) {
            return false;
        }
        if (clipboard.hasFiles()) {
            chat.attachFiles(clipboard.getFiles().stream().map(File::toPath).toList());
            return true;
        }
        if (!clipboard.hasImage() || clipboard.hasString()) {
            return false;
        }
        Image image = clipboard.getImage();
        if (image == null || image.getWidth() < 1) {
            return false;
        }
        try {
            Path file = Files.createTempFile("toolsmith-pasted-", ".png");
            file.toFile().deleteOnExit();
            PngWriter.write(image, file);
            chat.attachFiles(List.of(file));
        } catch (IOException e) {
            LOG.warn("A pasted picture could not be kept: {}", e.getMessage());
            chat.attachProblemProperty().set("The pasted picture could not be kept (" + e.getMessage()
                    + "). Save it as a file and attach that.");
        }
        return true;
    }

    private void sendNow() {
        if (chat != null) {
            chat.send();
        }
    }

    private java.util.Optional<List<Path>> choose(String title, String filterName, List<String> suffixes) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (filterName != null) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(filterName,
                    suffixes.stream().map(s -> "*" + s).toList()));
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
        }
        List<File> files = chooser.showOpenMultipleDialog(getScene() == null ? null : getScene().getWindow());
        return files == null || files.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(files.stream().map(File::toPath).toList());
    }

    private void showThumbnails() {
        thumbnails.getChildren().clear();
        for (Path p : chat.attachments()) {
            ImageView view = new ImageView(new Image(p.toUri().toString(), 64, 64, true, true, true));
            view.getStyleClass().add("attachment-thumb");
            Tooltips.set(view, p.getFileName() + " (click to remove)");
            view.setOnMouseClicked(e -> chat.attachments().remove(p));
            thumbnails.getChildren().add(view);
        }
        for (FileAttachment file : chat.files()) {
            Button chip = new Button((file.kind() == FileAttachment.Kind.DATA_FOLDER ? "data/" : "") + file.name()
                    + "  ✕");
            chip.getStyleClass().addAll("attachment-chip", "flat");
            Tooltips.set(chip, file.kind() == FileAttachment.Kind.DATA_FOLDER
                    ? "In the data folder; the message names it. Click to leave it out of the message (the file stays)."
                    : "Its text goes into the message. Click to remove it.");
            chip.setOnAction(e -> chat.files().remove(file));
            thumbnails.getChildren().add(chip);
        }
        boolean any = !chat.attachments().isEmpty() || !chat.files().isEmpty();
        thumbnails.setManaged(any);
        thumbnails.setVisible(any);
    }
}
