package io.toolsmith.ui.data;

import io.toolsmith.data.DataNames;
import io.toolsmith.functions.ActivityEntry;
import io.toolsmith.ui.common.BackgroundExecutor;
import io.toolsmith.ui.common.FxCoalescer;
import io.toolsmith.ui.common.Sentences;
import io.toolsmith.ui.common.UiExecutor;
import java.nio.file.Path;
import java.util.Comparator;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of the Data and Activity tabs. Reads run in the background; a read whose
 * file is no longer selected when it finishes is dropped. Folder changes are coalesced into one
 * reload. FX thread only.
 */
public final class DataViewModel {
    private final DataBrowser data;
    private final ActivityFeed activity;
    private final BackgroundExecutor background;
    private final ObservableList<DataBrowser.DataFile> files = FXCollections.observableArrayList();
    private final ObservableList<DataBrowser.Snapshot> snapshots = FXCollections.observableArrayList();
    private final ObservableList<ActivityEntry> calls = FXCollections.observableArrayList();
    private final ObjectProperty<DataBrowser.DataFile> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<DataContent> content = new SimpleObjectProperty<>(this, "content");
    private final StringProperty notice = new SimpleStringProperty(this, "notice");
    /** The snapshot the Activity tab asked to see; the Data tab selects it. */
    private final ObjectProperty<DataBrowser.Snapshot> shownSnapshot = new SimpleObjectProperty<>(this, "shownSnapshot");
    /** Set while a reload chooses the file again: the notice the user has not read yet is not about a file. */
    private boolean keepNotice;
    private final Runnable unsubscribeData;
    private final Runnable unsubscribeActivity;

    public DataViewModel(DataBrowser data, ActivityFeed activity, BackgroundExecutor background, UiExecutor ui) {
        this.data = data;
        this.activity = activity;
        this.background = background;
        FxCoalescer<Boolean> dataChanged = new FxCoalescer<>(ui, b -> reload());
        FxCoalescer<Boolean> activityChanged = new FxCoalescer<>(ui, b -> reloadActivity());
        unsubscribeData = data.onChange(() -> dataChanged.post(Boolean.TRUE));
        unsubscribeActivity = activity.onRecord(() -> activityChanged.post(Boolean.TRUE));
        selected.addListener((obs, old, now) -> readSelected());
    }

    public ObservableList<DataBrowser.DataFile> files() {
        return files;
    }

    public ObservableList<DataBrowser.Snapshot> snapshots() {
        return snapshots;
    }

    public ObservableList<ActivityEntry> calls() {
        return calls;
    }

    public ObjectProperty<DataBrowser.DataFile> selectedProperty() {
        return selected;
    }

    public ObjectProperty<DataContent> contentProperty() {
        return content;
    }

    public StringProperty noticeProperty() {
        return notice;
    }

    public ObjectProperty<DataBrowser.Snapshot> shownSnapshotProperty() {
        return shownSnapshot;
    }

    /** Points the Data tab at the snapshot taken before call {@code callId}, or says it is no longer kept. */
    public void showSnapshotBefore(String callId) {
        DataBrowser.Snapshot found = snapshots.stream().filter(s -> s.callId() != null && s.callId().equals(callId)
                && !SnapshotLabel.UNDO_CALL.equals(s.callId())).findFirst().orElse(null);
        shownSnapshot.set(found);
        if (found == null) {
            notice.set("The snapshot taken before call " + callId + " is no longer kept; older ones are removed "
                    + "as new ones are taken.");
        }
    }

    /** Clears the status line (after a few seconds, or when the user does something else). */
    public void clearNotice() {
        notice.set(null);
    }

    public void reload() {
        background.run(data::files, list -> {
            String keep = selected.get() == null ? null : selected.get().relativePath();
            files.setAll(list);
            DataBrowser.DataFile again = list.stream().filter(f -> f.relativePath().equals(keep)).findFirst()
                    .orElse(list.isEmpty() ? null : list.get(0));
            keepNotice = true; // "Data restored …" is about the reload itself: it stays
            try {
                if (again != null && again.equals(selected.get())) {
                    readSelected();
                } else {
                    selected.set(again);
                }
            } finally {
                keepNotice = false;
            }
        }, this::fail);
        background.run(data::snapshots, snapshots::setAll, this::fail);
    }

    public void reloadActivity() {
        background.run(() -> activity.recent(500).stream()
                .sorted(Comparator.comparing(ActivityEntry::time).reversed()).toList(), calls::setAll, this::fail);
    }

    public void export(Path target) {
        DataBrowser.DataFile f = selected.get();
        if (f == null) {
            return;
        }
        background.run(() -> {
            data.export(f.relativePath(), target);
            return target;
        }, path -> notice.set("Saved " + f.relativePath() + " to " + path + "."), this::fail);
    }

    public void undo(DataBrowser.Snapshot snapshot) {
        background.run(() -> {
            data.undo(snapshot.id());
            return snapshot;
        }, s -> {
            notice.set("Restored the data to how it was " + SnapshotLabel.what(s).toLowerCase(java.util.Locale.ROOT)
                    .replace("before undo", "before the undo") + ".");
            reload();
        }, this::fail);
    }

    public void close() {
        unsubscribeData.run();
        unsubscribeActivity.run();
    }

    /**
     * Shows the selected entry: a regular file is read in the background ("Reading…" meanwhile, then its contents
     * or the sentence why they cannot be shown, in place); anything else is never opened, only named. A notice
     * (an export or undo that failed) does not stay once the user chooses another file.
     */
    private void readSelected() {
        DataBrowser.DataFile f = selected.get();
        content.set(null);
        if (!keepNotice) {
            notice.set(null);
        }
        if (f == null) {
            return;
        }
        if (!f.regular()) {
            content.set(new DataContent.Message(DataNames.display(f.relativePath()) + " is a " + f.kind()
                    + ": Toolsmith does not open it."));
            return;
        }
        background.run(() -> data.read(f.relativePath()), read -> {
            if (f.equals(selected.get())) {
                content.set(read);
            }
        }, error -> {
            if (f.equals(selected.get())) {
                content.set(new DataContent.Message(Sentences.of(error)));
            }
        });
    }

    private void fail(Throwable error) {
        notice.set(Sentences.of(error));
    }
}
