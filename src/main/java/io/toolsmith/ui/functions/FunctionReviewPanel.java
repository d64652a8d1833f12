package io.toolsmith.ui.functions;

import io.toolsmith.functions.FunctionAction;
import io.toolsmith.functions.FunctionStatus;
import io.toolsmith.functions.Review;
import io.toolsmith.ui.common.MadeWhenNeeded;
import io.toolsmith.ui.common.Placeholder;
import io.toolsmith.ui.common.Badge;
import io.toolsmith.ui.common.Tooltips;
import java.io.File;
import java.util.concurrent.Executor;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ObservableList;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.geometry.Orientation;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * The Functions tab: functions with status badges above, the selected one's spec, code and
 * checks below, and the review buttons. Which buttons show is what the engine allows for the selected
 * function ({@link FunctionReviewViewModel#allows}). FX thread only.
 */
public final class FunctionReviewPanel extends SplitPane {
    /** Four rows of the list, or the empty-state sentence in full. */
    private static final double LIST_LEAST_HEIGHT = 150;
    private final FunctionReviewViewModel model;
    private final Notifier notifier;

    /** Shows a short notice with an optional action, such as "Deleted record_expense. Undo". */
    @FunctionalInterface
    public interface Notifier {
        void show(String message, String actionText, Runnable action);
    }

    public FunctionReviewPanel(FunctionReviewViewModel model, Executor highlightPool) {
        this(model, highlightPool, (message, actionText, action) -> model.noticeProperty().set(message));
    }

    /** {@code notifier} shows what Delete did, with Undo (the window's snackbar). */
    public FunctionReviewPanel(FunctionReviewViewModel model, Executor highlightPool, Notifier notifier) {
        this.model = model;
        this.notifier = notifier;
        setId("function-review");
        setOrientation(Orientation.VERTICAL);
        ListView<Review> list = new ListView<>(model.shownFunctions());
        Label empty = Placeholder.of("");
        empty.setId("function-list-empty");
        empty.textProperty().bind(model.emptyListText());
        list.setPlaceholder(empty);
        // at least four rows (or the whole empty-state sentence) even in a short window; the detail scrolls instead
        list.setMinHeight(LIST_LEAST_HEIGHT);
        list.setId("function-list");
        list.setCellFactory(lv -> new FunctionCell());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != null && list.getSelectionModel().getSelectedItem() != now) {
                list.getSelectionModel().select(now);
            }
        });

        // The detail and the versions are made when first needed: at a window's start no function is selected.
        MadeWhenNeeded<FunctionDetailView> detail = new MadeWhenNeeded<>(() -> {
            FunctionDetailView made = new FunctionDetailView(highlightPool);
            made.show(model.selectedProperty().get());
            return made;
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            if (detail.isMade()) {
                detail.part().show(now);
            }
        });
        detail.makeWhen(model.selectedProperty().isNotNull());

        Label notice = new Label();
        notice.setId("function-notice");
        notice.getStyleClass().add("validation-message");
        notice.setWrapText(true);
        notice.textProperty().bind(model.noticeProperty());

        ExampleResultsView results = new ExampleResultsView();
        model.trialProperty().addListener((obs, old, now) -> results.show(now));
        results.show(model.trialProperty().get());

        MadeWhenNeeded<FunctionVersionsView> versions = new MadeWhenNeeded<>(
                () -> new FunctionVersionsView(model.versions(), highlightPool));
        BooleanBinding rollback = model.allows(FunctionAction.ROLLBACK);
        showWhen(versions, rollback);
        versions.makeWhen(rollback);

        FlowPane buttons = buttons();
        // A pressed button is disabled while its command runs, and focus would move on to the next focusable node
        // far down the detail, scrolling the buttons out of sight: it goes back to the list instead.
        model.busyProperty().addListener((obs, was, busy) -> {
            var focused = getScene() == null ? null : getScene().getFocusOwner();
            if (busy && focused != null && isInside(focused, buttons)) {
                list.requestFocus();
            }
        });
        VBox bottom = new VBox(6, buttons, notice, exampleRun(), results, detail, versions);
        bottom.setStyle("-fx-padding: 8;");
        ScrollPane scroll = new ScrollPane(bottom);
        scroll.setId("function-detail-scroll");
        scroll.setFitToWidth(true);
        VBox.setVgrow(list, Priority.ALWAYS);
        getItems().addAll(new VBox(4, filters(), list), scroll);
        setDividerPositions(0.35);
        acceptDroppedFiles();
        // Esc stops the examples the selected function is running, wherever the focus is in the tab.
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && model.examplesRunning().get()) {
                model.cancelExamples();
                e.consume();
            }
        });
    }

    /** Where the selected function's run of its examples is ("Running…", "Cancelled: …"), with Cancel while it runs. */
    private HBox exampleRun() {
        Label state = new Label();
        state.setId("example-run-state");
        state.setWrapText(true);
        state.setMinHeight(Region.USE_PREF_SIZE);
        state.textProperty().bind(model.exampleRunText());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-examples-button");
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        Tooltips.set(cancel, "Stops the examples now (Esc): the call under way is killed and the copy of the "
                + "data removed. Your data folder is not touched.");
        cancel.setOnAction(e -> model.cancelExamples());
        showWhen(cancel, model.examplesRunning());
        HBox row = new HBox(8, state, cancel);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(state, Priority.ALWAYS);
        BooleanBinding shown = model.exampleRunText().isNotEmpty();
        row.visibleProperty().bind(shown);
        row.managedProperty().bind(shown);
        return row;
    }

    /** The search field, the status filter and the library's Import and Export over the list. */
    private VBox filters() {
        TextField search = new TextField();
        search.setId("function-search");
        search.setPromptText("Search functions");
        search.textProperty().bindBidirectional(model.searchProperty());
        ChoiceBox<StatusFilter> status = new ChoiceBox<>(FXCollections.observableArrayList(StatusFilter.values()));
        status.setId("function-status-filter");
        status.valueProperty().bindBidirectional(model.statusFilterProperty());
        Button importFiles = new Button("Import…");
        importFiles.setId("import-functions-button");
        Tooltips.set(importFiles, "Adds functions from Python files, waiting for your review. "
                + "You can also drop .py files on this tab.");
        importFiles.setOnAction(e -> chooseFilesToImport());
        Button export = new Button("Export…");
        export.setId("export-functions-button");
        Tooltips.set(export, "Writes the approved functions into a folder: one folder per module, with its "
                + "code and specs.");
        export.setOnAction(e -> chooseExportFolder());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // narrow, the filter gives up room first: the buttons keep their words
        status.setMinWidth(0);
        importFiles.setMinWidth(Region.USE_PREF_SIZE);
        export.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(6, status, spacer, importFiles, export);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        // beside the search, where a narrow panel has room, not in the row of the filter and buttons
        HBox searchRow = new HBox(6, search, recentlyDeleted());
        HBox.setHgrow(search, Priority.ALWAYS);
        return new VBox(4, searchRow, row);
    }

    /** "Deleted (2)": brings back a function deleted earlier, after its notice with Undo has gone. */
    private MenuButton recentlyDeleted() {
        MenuButton menu = new MenuButton();
        menu.setId("recently-deleted");
        menu.setMinWidth(Region.USE_PREF_SIZE);
        Tooltips.set(menu, "Functions deleted since the window opened; choose one to bring it back.");
        ObservableList<String> deleted = model.recentlyDeleted();
        Runnable fill = () -> {
            menu.setText("Deleted (" + deleted.size() + ")");
            menu.getItems().setAll(deleted.stream().map(id -> {
                MenuItem item = new MenuItem("Bring back " + id);
                item.setOnAction(e -> model.undelete(id));
                return item;
            }).toList());
        };
        deleted.addListener((javafx.collections.ListChangeListener<String>) c -> fill.run());
        fill.run();
        menu.visibleProperty().bind(Bindings.isNotEmpty(deleted));
        menu.managedProperty().bind(menu.visibleProperty());
        return menu;
    }

    private void chooseFilesToImport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import functions from Python files");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Python files", "*.py"));
        List<File> files = chooser.showOpenMultipleDialog(getScene().getWindow());
        if (files != null && !files.isEmpty()) {
            importFiles(files);
        }
    }

    private void chooseExportFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export the approved functions to a folder");
        File folder = chooser.showDialog(getScene().getWindow());
        if (folder != null) {
            model.export(folder.toPath(), sentence -> notifier.show(sentence, null, null));
        }
    }

    private void importFiles(List<File> files) {
        model.importFiles(files.stream().map(File::toPath).toList(), sentence -> notifier.show(sentence, null, null));
    }

    /** Python files dragged from a file manager onto the tab are imported as the Import button would. */
    private void acceptDroppedFiles() {
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().stream()
                    .anyMatch(f -> FunctionReviewViewModel.isPython(f.toPath()))) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            boolean taken = e.getDragboard().hasFiles();
            if (taken) {
                importFiles(e.getDragboard().getFiles());
            }
            e.setDropCompleted(taken);
            e.consume();
        });
    }

    private FlowPane buttons() {
        Button approve = new Button("Approve");
        approve.setId("approve-button");
        approve.getStyleClass().add("success");
        approve.setOnAction(e -> model.approve());
        CheckBox network = new CheckBox("may use the network");
        network.setId("allow-network");
        network.selectedProperty().bindBidirectional(model.allowNetworkProperty());
        Button reject = new Button("Reject");
        reject.setId("reject-button");
        reject.getStyleClass().add("danger");
        reject.setOnAction(e -> model.reject());
        Button revoke = new Button("Revoke");
        revoke.setId("revoke-button");
        revoke.setOnAction(e -> model.revoke());
        Button tryExamples = new Button("Try with examples");
        tryExamples.setId("try-examples-button");
        tryExamples.setOnAction(e -> model.tryExamples());
        tryExamples.disableProperty().bind(model.canTryExamples().not());
        Tooltips.set(tryExamples, "Runs each of the spec's examples on a fresh copy of the data "
                + "folder, allowed what a real call is, and shows pass or fail and what it changed in the data. "
                + "A spec without examples has nothing to try. They also run by themselves when the code or spec "
                + "changes, unless that is turned off in the settings.");
        Button askSpec = new Button("Ask the model for a spec");
        askSpec.setId("ask-spec-button");
        askSpec.setOnAction(e -> model.askForSpec());

        Button delete = new Button("Delete");
        delete.setId("delete-function-button");
        delete.setOnAction(e -> deleteSelected());

        showWhen(approve, model.allows(FunctionAction.APPROVE));
        showWhen(reject, model.allows(FunctionAction.REJECT));
        showWhen(revoke, model.allows(FunctionAction.REVOKE));
        showWhen(tryExamples, model.allows(FunctionAction.TRY_EXAMPLES));
        showWhen(askSpec, model.allows(FunctionAction.ASK_FOR_SPEC));
        showWhen(network, model.offersNetwork());
        showWhen(delete, model.allows(FunctionAction.DELETE));
        Label policyLabel = new Label("Calls:");
        ChoiceBox<PolicyChoice> policy = new ChoiceBox<>(FXCollections.observableArrayList(PolicyChoice.values()));
        policy.setId("policy-choice");
        policy.valueProperty().bindBidirectional(model.policyChoiceProperty());
        Tooltips.set(policy, "Auto: runs when the model calls it. Ask every time: you confirm each call. "
                + "Default from effects: asks only if it may use the network or start programs.");
        HBox policyBox = new HBox(4, policyLabel, policy);
        policyBox.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        showWhen(policyBox, model.allows(FunctionAction.SET_POLICY));
        FlowPane row = new FlowPane(6, 6, approve, network, reject, revoke, tryExamples, askSpec, delete, policyBox);
        row.disableProperty().bind(model.busyProperty());
        return row;
    }

    private void deleteSelected() {
        Review f = model.selectedProperty().get();
        if (f != null) {
            String id = FunctionReviewViewModel.id(f);
            model.delete(sentence -> notifier.show(sentence, "Undo", () -> model.undelete(id)));
        }
    }

    private static boolean isInside(javafx.scene.Node node, javafx.scene.Parent parent) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (n == parent) {
                return true;
            }
        }
        return false;
    }

    private static void showWhen(javafx.scene.Node node, BooleanBinding shown) {
        node.visibleProperty().bind(shown);
        node.managedProperty().bind(shown);
    }

    /** One badge per effect: short words in the list, labels in the detail. */
    static List<Badge> effectBadges(io.toolsmith.functions.Effects effects, boolean short_) {
        List<Badge> badges = new ArrayList<>();
        for (io.toolsmith.functions.Effect effect : effects.list()) {
            Badge b = new Badge(short_ ? effect.badge() : effect.label(), EffectText.tone(effect));
            b.getStyleClass().add("effect-badge");
            Tooltips.set(b, effect.label());
            badges.add(b);
        }
        return badges;
    }

    /** The badge colour of a status. */
    static String tone(FunctionStatus status) {
        return switch (status) {
            case NEEDS_SPEC, NEEDS_CODE, CHANGED -> "warning";
            case PENDING -> "accent";
            case APPROVED -> "success";
            case REJECTED -> "danger";
        };
    }

    /** Name, module and status badge. */
    private static final class FunctionCell extends ListCell<Review> {
        private final Label name = new Label();
        private final Badge badge = new Badge("", "neutral");
        private final HBox effects = new HBox(3);
        private final FlowPane row;

        FunctionCell() {
            badge.setId("function-status-badge");
            effects.setId("function-effect-badges");
            // the name and badges keep their words: in a narrow list the badges go on a line of their own
            name.setMinWidth(Region.USE_PREF_SIZE);
            effects.setMinWidth(Region.USE_PREF_SIZE);
            badge.setMinWidth(Region.USE_PREF_SIZE);
            HBox badges = new HBox(3, effects, badge);
            badges.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            row = new FlowPane(8, 2, name, badges);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            // a small wrap length keeps the row's preferred width small, so the list never scrolls sideways
            row.setPrefWrapLength(120);
            row.setMinWidth(0);
        }

        @Override
        protected void updateItem(Review item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            name.setText(item.entry().name());
            effects.getChildren().setAll(effectBadges(EffectText.shown(item.entry()), true));
            badge.setText(item.entry().status().label());
            badge.setTone(tone(item.entry().status()));
            setGraphic(row);
        }
    }

}
