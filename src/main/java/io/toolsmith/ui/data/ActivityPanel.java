package io.toolsmith.ui.data;

import io.toolsmith.functions.ActivityEntry;
import io.toolsmith.util.Json;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Orientation;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Activity tab: every call the model made, newest first (run, refused, unknown) and every undo, with the
 * selected entry's arguments, result or error, duration and a link to the snapshot taken before it. FX thread only.
 */
public final class ActivityPanel extends SplitPane {
    private static final ZoneId ZONE = ZoneId.systemDefault();
    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZONE);
    private static final DateTimeFormatter EARLIER = DateTimeFormatter.ofPattern("d MMM HH:mm").withZone(ZONE);
    /** Room for the Arguments header and the start of the arguments. */
    private static final double ARGUMENTS_LEAST = 96;
    private final DataViewModel model;
    private final TableView<ActivityEntry> table;
    private final Label heading = new Label();
    private final TextArea body = new TextArea();
    private final Hyperlink snapshot = new Hyperlink("Show the snapshot taken before this call");

    public ActivityPanel(DataViewModel model, Runnable showDataTab) {
        this.model = model;
        setId("activity-panel");
        setOrientation(Orientation.VERTICAL);
        table = new TableView<>(model.calls());
        table.setId("activity-table");
        // What fits a side panel: when, what, how it went; the rest (arguments in full, duration) is below.
        // The last column takes what is left, so the others keep room for their text in a narrow panel.
        table.getColumns().add(column("Time", e -> time(e), 80, 76));
        table.getColumns().add(column("Function", ActivityEntry::function, 130, 110));
        table.getColumns().add(column("Outcome", ActivityPanel::outcome, 124, 124));
        // Calls from other apps over MCP say which app asked; the chat's own calls say nothing.
        table.getColumns().add(column("Source", ActivityPanel::source, 72, 64));
        table.getColumns().add(column("Arguments", e -> e.arguments() == null ? "" : e.arguments().toString(),
                ARGUMENTS_LEAST, ARGUMENTS_LEAST));
        // A constrained table never scrolls sideways, so in a panel too narrow for every column's least width the
        // last columns would sit past the edge out of reach: there the columns keep their widths and scroll.
        table.widthProperty().addListener((obs, old, now) -> fitColumns(now.doubleValue()));
        fitColumns(table.getWidth());
        table.setPlaceholder(new Label("No calls yet."));
        table.setRowFactory(t -> new OutcomeRow());

        heading.setId("activity-heading");
        heading.getStyleClass().add("text-bold");
        heading.setWrapText(true);
        heading.setMinHeight(Region.USE_PREF_SIZE); // the details box below grows; the heading keeps all its lines
        body.setId("activity-details");
        body.setEditable(false);
        body.setWrapText(true);
        snapshot.setId("activity-snapshot-link");
        snapshot.setWrapText(true);
        snapshot.setOnAction(e -> {
            ActivityEntry entry = table.getSelectionModel().getSelectedItem();
            if (entry != null) {
                showDataTab.run();
                model.showSnapshotBefore(entry.callId());
            }
        });
        VBox details = new VBox(4, heading, body, snapshot);
        details.setId("activity-details-pane");
        details.setStyle("-fx-padding: 6;");
        VBox.setVgrow(body, Priority.ALWAYS);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> show(now));
        show(null);
        getItems().addAll(table, details);
        setDividerPositions(0.6);
    }

    private void fitColumns(double width) {
        double least = table.getColumns().stream().mapToDouble(TableColumn::getMinWidth).sum();
        table.setColumnResizePolicy(fitsWithoutScrolling(width, least)
                ? TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN : TableView.UNCONSTRAINED_RESIZE_POLICY);
    }

    /** Whether columns of these least widths fit a table this wide (with room for its vertical scroll bar). */
    static boolean fitsWithoutScrolling(double tableWidth, double leastColumnWidths) {
        return tableWidth <= 0 || tableWidth - 16 >= leastColumnWidths;
    }

    private void show(ActivityEntry entry) {
        boolean any = entry != null;
        heading.setText(any ? entry.function() + " · " + outcome(entry) : "Select an entry to see its details.");
        body.setVisible(any);
        body.setText(any ? details(entry) : "");
        boolean hasSnapshot = any && entry.ran() && entry.callId() != null;
        snapshot.setVisible(hasSnapshot);
        snapshot.setManaged(hasSnapshot);
    }

    /** The entry in words: arguments as indented JSON, what came of it, how long it took. */
    static String details(ActivityEntry e) {
        StringBuilder text = new StringBuilder();
        text.append(EARLIER.format(e.time())).append(e.callId() == null ? "" : " · call " + e.callId())
                .append(e.source() == null ? "" : " · from " + e.source()).append('\n');
        if (e.arguments() != null) {
            text.append("\nArguments:\n").append(pretty(e)).append('\n');
        }
        String what = switch (e.outcome() == null ? "" : e.outcome()) {
            case ActivityEntry.OK -> "Result";
            case ActivityEntry.UNDO -> "Undo";
            default -> "Why";
        };
        if (e.detail() != null) {
            text.append('\n').append(what).append(":\n").append(ActivityResultText.readable(e.detail())).append('\n');
        } else if (!e.ok() && e.errorName() != null) {
            text.append('\n').append(what).append(": ").append(e.errorName()).append('\n');
        }
        if (e.ran()) {
            text.append("\nTook ").append(e.durationMs()).append(" ms.");
        }
        return text.toString().strip();
    }

    private static String pretty(ActivityEntry e) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(e.arguments());
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            return e.arguments().toString();
        }
    }

    /** "ok", "error (InvalidAmount)", "denied", "not approved", "unknown function", "undo". */
    static String outcome(ActivityEntry e) {
        return ActivityEntry.ERROR.equals(e.outcome()) && e.errorName() != null
                ? e.outcome() + " (" + e.errorName() + ")" : e.outcome();
    }

    /** Which app asked for a call ("chat" for the window's own), or where an undo was done when that was kept. */
    private static String source(ActivityEntry e) {
        if (e.source() != null) {
            return e.source();
        }
        return ActivityEntry.UNDO.equals(e.outcome()) ? "" : "chat";
    }

    private static String time(ActivityEntry e) {
        return LocalDate.ofInstant(e.time(), ZONE).equals(LocalDate.now(ZONE)) ? TODAY.format(e.time())
                : EARLIER.format(e.time());
    }

    private static TableColumn<ActivityEntry, String> column(String name, Function<ActivityEntry, String> value,
                                                             double width, double least) {
        TableColumn<ActivityEntry, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new SimpleObjectProperty<>(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(least);
        return c;
    }

    /** Marks rows of calls that did not run or failed, so they stand out from the ones that worked. */
    private static final class OutcomeRow extends TableRow<ActivityEntry> {
        @Override
        protected void updateItem(ActivityEntry item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("activity-failed", "activity-refused", "activity-undo");
            if (empty || item == null || item.ok()) {
                return;
            }
            getStyleClass().add(ActivityEntry.ERROR.equals(item.outcome()) ? "activity-failed"
                    : ActivityEntry.UNDO.equals(item.outcome()) ? "activity-undo" : "activity-refused");
        }
    }
}
