package io.toolsmith.ui.data;

import io.toolsmith.data.DataNames;
import io.toolsmith.ui.common.Placeholder;
import io.toolsmith.ui.common.Tooltips;
import java.io.File;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.animation.PauseTransition;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.layout.Region;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Data tab: files in the data folder, the selected file as a sortable table (list of
 * records) or a lazily expanded tree, export, and the snapshots with Undo. FX thread only.
 */
public final class DataPanel extends SplitPane {
    private static final javafx.util.Duration NOTICE_SHOWN = javafx.util.Duration.seconds(8);
    private final DataViewModel model;
    private final StackPane contentPane = new StackPane();

    public DataPanel(DataViewModel model) {
        this.model = model;
        setId("data-panel");
        setOrientation(Orientation.VERTICAL);
        ListView<DataBrowser.DataFile> files = new ListView<>(model.files());
        files.setPlaceholder(Placeholder.of("The data folder is empty. Files appear here when your functions save data."));
        files.setId("data-files");
        files.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(DataBrowser.DataFile item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : DataNames.display(item.relativePath()) + "  ("
                        + (item.regular() ? size(item.sizeBytes()) : item.kind()) + ")");
            }
        });
        files.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> files.getSelectionModel().select(now));
        model.contentProperty().addListener((obs, old, now) -> contentPane.getChildren().setAll(viewOf(now)));
        // The panel is made when its tab is first shown: it starts from what the model already holds.
        if (model.selectedProperty().get() != null) {
            files.getSelectionModel().select(model.selectedProperty().get());
        }
        contentPane.getChildren().setAll(viewOf(model.contentProperty().get()));

        Button export = new Button("Export…");
        export.setId("data-export");
        export.disableProperty().bind(model.selectedProperty().isNull());
        export.setOnAction(e -> export());
        export.setMinWidth(Region.USE_PREF_SIZE); // the status line beside it must not shorten it to "…"
        Label notice = new Label();
        notice.setId("data-notice");
        notice.setWrapText(true);
        notice.setMinWidth(0);
        notice.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(notice, Priority.ALWAYS);
        notice.textProperty().bind(model.noticeProperty());
        // A status line says what just happened; it goes after a while instead of staying as if still true.
        PauseTransition noticeShown = new PauseTransition(NOTICE_SHOWN);
        noticeShown.setOnFinished(e -> model.clearNotice());
        model.noticeProperty().addListener((obs, old, now) -> {
            if (now == null) {
                noticeShown.stop();
            } else {
                noticeShown.playFromStart();
            }
        });
        if (model.noticeProperty().get() != null) {
            noticeShown.playFromStart();
        }
        VBox.setVgrow(contentPane, Priority.ALWAYS);
        HBox actions = new HBox(6, export, notice);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox content = new VBox(6, actions, contentPane);

        ListView<DataBrowser.Snapshot> snapshots = new ListView<>(model.snapshots());
        snapshots.setPlaceholder(Placeholder.of("No snapshots yet. One is taken before every call, so a call can be undone."));
        snapshots.setId("snapshot-list");
        snapshots.setCellFactory(lv -> new SnapshotCell());
        model.shownSnapshotProperty().addListener((obs, old, now) -> showSnapshot(snapshots, now));
        showSnapshot(snapshots, model.shownSnapshotProperty().get());
        Label snapshotsHeading = new Label("Snapshots (data before each call)");
        snapshotsHeading.setStyle("-fx-padding: 4 6 0 6;"); // inset like the panes' text, not flush to the edge
        VBox snapshotBox = new VBox(4, snapshotsHeading, snapshots);
        VBox.setVgrow(snapshots, Priority.ALWAYS);

        getItems().addAll(files, content, snapshotBox);
        setDividerPositions(0.2, 0.75);
    }

    private static void showSnapshot(ListView<DataBrowser.Snapshot> snapshots, DataBrowser.Snapshot shown) {
        if (shown != null) {
            snapshots.getSelectionModel().select(shown);
            snapshots.scrollTo(shown);
        }
    }

    private Node viewOf(DataContent content) {
        if (content instanceof DataContent.Table table) {
            return table(table);
        } else if (content instanceof DataContent.Tree tree) {
            TreeView<DataContent.DataNode> view = new TreeView<>(new LazyItem(tree.root()));
            view.setId("data-tree");
            view.getRoot().setExpanded(true);
            view.setCellFactory(tv -> new javafx.scene.control.TreeCell<>() {
                @Override
                protected void updateItem(DataContent.DataNode item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty || item == null ? null
                            : item.label() + (item.value() == null || item.value().isEmpty() ? "" : ": " + item.value()));
                }
            });
            return view;
        } else if (content instanceof DataContent.Message message) {
            Label text = new Label(message.text());
            text.setId("data-message");
            text.setWrapText(true);
            return text;
        }
        Label waiting = new Label("Reading…");
        waiting.setId("data-reading");
        if (model.selectedProperty().get() == null) {
            // the file list already says when the folder is empty; saying it here too reads as two messages
            waiting.textProperty().bind(Bindings.when(Bindings.isEmpty(model.files())).then("")
                    .otherwise("Select a file to see what it holds."));
        }
        return waiting;
    }

    private static TableView<List<String>> table(DataContent.Table table) {
        // The rows make their cells' texts when a cell is drawn (or its column sorted), not before.
        TableView<List<String>> view = new TableView<>(FXCollections.observableArrayList(table.rows()));
        view.setId("data-table");
        for (int i = 0; i < table.columns().size(); i++) {
            int col = i;
            TableColumn<List<String>, String> c = new TableColumn<>(table.columns().get(i));
            c.setCellValueFactory(row -> new ReadOnlyStringWrapper(col < row.getValue().size() ? row.getValue().get(col) : ""));
            c.setComparator(DataPanel::compareCells);
            c.setPrefWidth(130);
            view.getColumns().add(c);
        }
        return view;
    }

    /** Numbers sort as numbers, the rest as text. */
    static int compareCells(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException | NullPointerException e) {
            return String.valueOf(a).compareToIgnoreCase(String.valueOf(b));
        }
    }

    private void export() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export data");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("JSON", "*.json"),
                new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File target = chooser.showSaveDialog(getScene().getWindow());
        if (target != null) {
            model.export(target.toPath());
        }
    }

    private static String size(long bytes) {
        return bytes < 1024 ? bytes + " B" : bytes < 1024 * 1024 ? (bytes / 1024) + " KB" : (bytes / (1024 * 1024)) + " MB";
    }

    /** Reads a node's children the first time it is expanded. */
    private static final class LazyItem extends TreeItem<DataContent.DataNode> {
        private boolean loaded;

        LazyItem(DataContent.DataNode node) {
            super(node);
        }

        @Override
        public boolean isLeaf() {
            return getValue().isLeaf();
        }

        @Override
        public javafx.collections.ObservableList<TreeItem<DataContent.DataNode>> getChildren() {
            if (!loaded) {
                loaded = true;
                super.getChildren().setAll(getValue().children().stream().map(LazyItem::new).toList());
            }
            return super.getChildren();
        }
    }

    /** A snapshot's label, shortened when the column is narrow, and its Undo button, always in view. */
    private final class SnapshotCell extends ListCell<DataBrowser.Snapshot> {
        private final Label text = new Label();
        private final Button undo = new Button("Undo");
        private final HBox row = new HBox(8, text, undo);

        SnapshotCell() {
            undo.getStyleClass().add("small");
            undo.setMinWidth(Region.USE_PREF_SIZE);
            undo.setOnAction(e -> model.undo(getItem()));
            text.setMinWidth(0);
            text.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(text, Priority.ALWAYS);
            row.setAlignment(Pos.CENTER_LEFT);
            // the cell takes the list's width instead of asking for its text's, so the button is never scrolled off
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(DataBrowser.Snapshot item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            text.setText(SnapshotLabel.of(item, java.time.ZoneId.systemDefault(), java.time.LocalDate.now()));
            Tooltips.set(text, text.getText() + " (call " + item.callId() + ", taken "
                    + item.taken() + ")");
            setGraphic(row);
        }
    }
}
