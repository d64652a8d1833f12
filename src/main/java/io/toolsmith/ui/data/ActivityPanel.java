package io.toolsmith.ui.data;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The Activity tab: every executed call, newest first. FX thread only. */
public final class ActivityPanel extends TableView<ActivityLog.Entry> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    public ActivityPanel(DataViewModel model) {
        super(model.calls());
        setId("activity-table");
        getColumns().add(column("Time", e -> TIME.format(e.time())));
        getColumns().add(column("Function", ActivityLog.Entry::function));
        getColumns().add(column("Arguments", ActivityLog.Entry::arguments));
        getColumns().add(column("Outcome", ActivityLog.Entry::outcome));
        TableColumn<ActivityLog.Entry, Long> duration = new TableColumn<>("ms");
        duration.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().durationMillis()));
        getColumns().add(duration);
        setPlaceholder(new javafx.scene.control.Label("No calls yet."));
    }

    private static TableColumn<ActivityLog.Entry, String> column(String name, Function<ActivityLog.Entry, String> value) {
        TableColumn<ActivityLog.Entry, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new SimpleObjectProperty<>(value.apply(cell.getValue())));
        return c;
    }
}
