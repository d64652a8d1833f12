package io.toolsmith.ui.chat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The input area: Enter or Ctrl+Enter sends, Shift+Enter starts a new line, Esc or Stop cancels
 * the running turn. Images are attached with the button or by drag and drop when the model has
 * vision, and shown as thumbnails. Bound to one {@link ChatViewModel} at a time. FX thread only.
 */
public final class Composer extends VBox {
    private static final List<String> IMAGE_SUFFIXES = List.of(".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp");
    private final TextArea input = new TextArea();
    private final Button send = new Button("Send");
    private final Button stop = new Button("Stop");
    private final Button resume = new Button("Continue");
    private final Button attach = new Button("Attach image");
    private final FlowPane thumbnails = new FlowPane(4, 4);
    private final ListChangeListener<Path> attachmentsChanged = c -> showThumbnails();
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
        resume.setTooltip(new Tooltip("Send the saved message or function results again; no call runs twice"));
        stop.getStyleClass().add("danger");
        attach.setId("attach-button");
        attach.setTooltip(new Tooltip("Attach an image (the model must support vision)"));
        send.setOnAction(e -> sendNow());
        stop.setOnAction(e -> chat.stop());
        resume.setOnAction(e -> chat.continueTurn());
        attach.setOnAction(e -> chooseImages());
        HBox.setHgrow(input, Priority.ALWAYS);
        for (Button b : List.of(send, resume, stop, attach)) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            b.setMaxWidth(Double.MAX_VALUE);
        }
        VBox buttons = new VBox(6, send, resume, stop, attach);
        getChildren().addAll(thumbnails, new HBox(6, input, buttons));
        setOnDragOver(e -> {
            if (chat != null && chat.visionAvailableProperty().get() && e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            boolean done = e.getDragboard().hasFiles();
            if (done) {
                chat.attach(images(e.getDragboard().getFiles()));
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
        }
        chat = next;
        input.textProperty().bindBidirectional(next.draftProperty());
        next.attachments().addListener(attachmentsChanged);
        var streaming = Bindings.createBooleanBinding(() -> next.state() != ChatState.IDLE, next.stateProperty());
        send.visibleProperty().bind(streaming.not());
        send.managedProperty().bind(send.visibleProperty());
        resume.visibleProperty().bind(streaming.not().and(next.canContinueProperty()));
        resume.managedProperty().bind(resume.visibleProperty());
        stop.visibleProperty().bind(streaming);
        stop.managedProperty().bind(stop.visibleProperty());
        stop.disableProperty().bind(Bindings.createBooleanBinding(
                () -> next.state() == ChatState.STOPPING, next.stateProperty()));
        attach.disableProperty().bind(next.visionAvailableProperty().not());
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
        }
    }

    private void sendNow() {
        if (chat != null) {
            chat.send();
        }
    }

    private void chooseImages() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Attach images");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images",
                IMAGE_SUFFIXES.stream().map(s -> "*" + s).toList()));
        List<File> files = chooser.showOpenMultipleDialog(getScene() == null ? null : getScene().getWindow());
        if (files != null) {
            chat.attach(images(files));
        }
    }

    private static List<Path> images(List<File> files) {
        return files.stream().filter(f -> IMAGE_SUFFIXES.stream()
                .anyMatch(s -> f.getName().toLowerCase(Locale.ROOT).endsWith(s))).map(File::toPath).toList();
    }

    private void showThumbnails() {
        thumbnails.getChildren().clear();
        for (Path p : chat.attachments()) {
            ImageView view = new ImageView(new Image(p.toUri().toString(), 64, 64, true, true, true));
            view.getStyleClass().add("attachment-thumb");
            Tooltip.install(view, new Tooltip(p.getFileName() + " (click to remove)"));
            view.setOnMouseClicked(e -> chat.attachments().remove(p));
            thumbnails.getChildren().add(view);
        }
        thumbnails.setManaged(!chat.attachments().isEmpty());
        thumbnails.setVisible(!chat.attachments().isEmpty());
    }
}
