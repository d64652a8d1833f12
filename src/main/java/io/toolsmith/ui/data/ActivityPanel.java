package io.toolsmith.ui.data;

import io.toolsmith.functions.ActivityEntry;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The Activity tab: every executed call, newest first. FX thread only. */
public final class ActivityPanel extends TableView<ActivityEntry> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    public ActivityPanel(DataViewModel model) {
        super(model.calls());
        setId("activity-table");
        getColumns().add(column("Time", e -> TIME.format(e.time())));
        getColumns().add(column("Function", ActivityEntry::function));
        getColumns().add(column("Source", e -> e.source() == null ? "chat" : e.source()));
        getColumns().add(column("Arguments", e -> e.arguments() == null ? "" : e.arguments().toString()));
        getColumns().add(column("Outcome", ActivityPanel::outcome));
        TableColumn<ActivityEntry, Long> duration = new TableColumn<>("ms");
        duration.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().durationMs()));
        getColumns().add(duration);
        setPlaceholder(new javafx.scene.control.Label("No calls yet."));
    }

    /** "ok", or "error (InvalidAmount)" with the exception's name. */
    static String outcome(ActivityEntry e) {
        return e.ok() || e.errorName() == null ? e.outcome() : e.outcome() + " (" + e.errorName() + ")";
    }

    private static TableColumn<ActivityEntry, String> column(String name, Function<ActivityEntry, String> value) {
        TableColumn<ActivityEntry, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new SimpleObjectProperty<>(value.apply(cell.getValue())));
        return c;
    }
}
