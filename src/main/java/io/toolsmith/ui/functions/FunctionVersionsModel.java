package io.toolsmith.ui.functions;

import io.toolsmith.functions.FunctionVersion;
import io.toolsmith.ui.common.BackgroundExecutor;
import io.toolsmith.ui.common.Sentences;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The selected function's stored versions: the list, the diff of the chosen one against the function as it is
 * now, and Roll back, which asks for confirmation first. Results for a function the user has left are dropped.
 * FX thread only.
 */
public final class FunctionVersionsModel {
    private final FunctionCatalog catalog;
    private final BackgroundExecutor background;
    private final Supplier<String> selectedId;
    private final Consumer<String> said;
    private final ObservableList<FunctionVersion> versions = FXCollections.observableArrayList();
    private final ObjectProperty<FunctionVersion> chosen = new SimpleObjectProperty<>(this, "chosen");
    private final ReadOnlyStringWrapper diff = new ReadOnlyStringWrapper(this, "diff", "");
    private final BooleanProperty confirming = new SimpleBooleanProperty(this, "confirming");

    /**
     * @param selectedId the id of the function the tab shows now, or null
     * @param said       receives a rollback's sentence, or why a command failed, on the FX thread
     */
    FunctionVersionsModel(FunctionCatalog catalog, BackgroundExecutor background, Supplier<String> selectedId,
                          Consumer<String> said) {
        this.catalog = catalog;
        this.background = background;
        this.selectedId = selectedId;
        this.said = said;
        chosen.addListener((obs, old, now) -> {
            confirming.set(false);
            showDiff(now);
        });
    }

    public ObservableList<FunctionVersion> versions() {
        return versions;
    }

    /** The version whose diff is shown and which Roll back would restore. */
    public ObjectProperty<FunctionVersion> chosenProperty() {
        return chosen;
    }

    /** The chosen version's code and spec against the function as it is now (empty when they are the same). */
    public ReadOnlyStringProperty diffProperty() {
        return diff.getReadOnlyProperty();
    }

    /** Whether Roll back waits for the user's confirmation. */
    public ReadOnlyBooleanProperty confirmingProperty() {
        return confirming;
    }

    /** Loads the versions of the function shown now, choosing the newest that is not current. */
    void load() {
        String id = selectedId.get();
        versions.clear();
        chosen.set(null);
        if (id == null) {
            return;
        }
        background.run(() -> catalog.versions(id), list -> {
            if (id.equals(selectedId.get())) {
                versions.setAll(list);
                chosen.set(latestOlder(list));
            }
        }, error -> said.accept(Sentences.of(error)));
    }

    private static FunctionVersion latestOlder(List<FunctionVersion> list) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (!list.get(i).current()) {
                return list.get(i);
            }
        }
        return null;
    }

    private void showDiff(FunctionVersion version) {
        String id = selectedId.get();
        diff.set("");
        if (version == null || id == null || version.current()) {
            return;
        }
        background.run(() -> catalog.diffToCurrent(id, version.number()), text -> {
            if (id.equals(selectedId.get()) && version.equals(chosen.get())) {
                diff.set(text);
            }
        }, error -> said.accept(Sentences.of(error)));
    }

    /** Roll back: asks first, since the function may stop running until approved again. */
    public void askToRollBack() {
        FunctionVersion version = chosen.get();
        confirming.set(version != null && !version.current());
    }

    public void cancelRollBack() {
        confirming.set(false);
    }

    /** Makes the chosen version current again; the library's change reloads the list, and this reads the versions. */
    public void confirmRollBack() {
        FunctionVersion version = chosen.get();
        String id = selectedId.get();
        confirming.set(false);
        if (version == null || id == null) {
            return;
        }
        background.run(() -> catalog.rollback(id, version.number()), sentence -> {
            said.accept(sentence);
            if (id.equals(selectedId.get())) {
                load();
            }
        }, error -> said.accept(Sentences.of(error)));
    }

    /**
     * "v2 · current · approved · 2026-12-06 00:52 · 1a2b3c4d5e6f": one row of the list. What tells the versions
     * apart comes first, so a narrow panel cuts only the hash at the end.
     */
    static String row(FunctionVersion v) {
        return "v" + v.number() + (v.current() ? "  ·  current" : "") + "  ·  " + v.decision()
                + (v.hasSpec() ? "" : "  ·  no spec") + "  ·  " + WHEN.format(v.savedAt()) + "  ·  " + v.shortHash();
    }

    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.systemDefault());
}
