package io.toolsmith.ui.functions;

import io.toolsmith.ui.common.BackgroundExecutor;
import io.toolsmith.ui.common.FxCoalescer;
import io.toolsmith.ui.common.Sentences;
import io.toolsmith.ui.common.UiExecutor;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of the Functions tab. Library changes (from any thread) are coalesced into
 * one reload; commands run in the background and report a sentence when they fail. FX thread only.
 */
public final class FunctionReviewViewModel {
    private final FunctionCatalog catalog;
    private final BackgroundExecutor background;
    private final ObservableList<FunctionEntry> functions = FXCollections.observableArrayList();
    private final ObjectProperty<FunctionEntry> selected = new SimpleObjectProperty<>(this, "selected");
    private final BooleanProperty allowNetwork = new SimpleBooleanProperty(this, "allowNetwork");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final StringProperty notice = new SimpleStringProperty(this, "notice");
    private final ObservableList<ExampleResult> exampleResults = FXCollections.observableArrayList();
    private final IntegerBinding awaitingReview;
    private final Runnable unsubscribe;

    public FunctionReviewViewModel(FunctionCatalog catalog, BackgroundExecutor background, UiExecutor ui) {
        this.catalog = catalog;
        this.background = background;
        awaitingReview = Bindings.createIntegerBinding(
                () -> (int) functions.stream().filter(f -> f.status().awaitsReview()).count(), functions);
        FxCoalescer<Boolean> changes = new FxCoalescer<>(ui, batch -> reload());
        unsubscribe = catalog.onChange(() -> changes.post(Boolean.TRUE));
        selected.addListener((obs, old, now) -> {
            exampleResults.clear();
            allowNetwork.set(catalog.networkByDefault());
        });
    }

    public ObservableList<FunctionEntry> functions() {
        return functions;
    }

    public ObjectProperty<FunctionEntry> selectedProperty() {
        return selected;
    }

    public BooleanProperty allowNetworkProperty() {
        return allowNetwork;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty noticeProperty() {
        return notice;
    }

    public ObservableList<ExampleResult> exampleResults() {
        return exampleResults;
    }

    /** How many functions wait for approval (the tab's badge). */
    public IntegerBinding awaitingReviewCount() {
        return awaitingReview;
    }

    public void reload() {
        background.run(catalog::list, this::apply, this::fail);
    }

    public void approve() {
        FunctionEntry f = selected.get();
        if (f != null) {
            boolean network = allowNetwork.get() && f.importsNetwork();
            command(() -> catalog.approve(f.id(), network));
        }
    }

    public void reject() {
        FunctionEntry f = selected.get();
        if (f != null) {
            command(() -> catalog.reject(f.id()));
        }
    }

    public void revoke() {
        FunctionEntry f = selected.get();
        if (f != null) {
            command(() -> catalog.revoke(f.id()));
        }
    }

    /**
     * Deletes the selected function; {@code deleted} receives the sentence for the notice with Undo, on the
     * FX thread, once the function is gone from the list.
     */
    public void delete(Consumer<String> deleted) {
        FunctionEntry f = selected.get();
        if (f == null) {
            return;
        }
        busy.set(true);
        run(() -> {
            String sentence = catalog.delete(f.id());
            return new Outcome(sentence, catalog.list());
        }, done -> {
            apply(done.list());
            deleted.accept(done.sentence());
        });
    }

    /** Brings back a function deleted from this panel (the notice's Undo) and selects it. */
    public void undelete(String functionId) {
        busy.set(true);
        run(() -> {
            catalog.undelete(functionId);
            return catalog.list();
        }, list -> {
            apply(list);
            list.stream().filter(f -> f.id().equals(functionId)).findFirst().ifPresent(selected::set);
        });
    }

    /**
     * Adds code from the chat to the library; {@code said} receives the sentence saying what was added, or
     * why nothing was, on the FX thread.
     */
    public void addToLibrary(String pythonCode, Consumer<String> said) {
        background.run(() -> {
            String sentence = catalog.addToLibrary(pythonCode);
            return new Outcome(sentence, catalog.list());
        }, done -> {
            apply(done.list());
            said.accept(done.sentence());
        }, error -> said.accept(Sentences.of(error)));
    }

    public void askForSpec() {
        FunctionEntry f = selected.get();
        if (f != null) {
            command(() -> catalog.askForSpec(f.id()));
        }
    }

    public void tryExamples() {
        FunctionEntry f = selected.get();
        if (f == null) {
            return;
        }
        busy.set(true);
        exampleResults.clear();
        run(() -> catalog.tryExamples(f.id()), results -> {
            if (f.id().equals(selected.get() == null ? null : selected.get().id())) {
                exampleResults.setAll(results);
            }
        });
    }

    /** Stops listening to the library (window closing). */
    public void close() {
        unsubscribe.run();
    }

    private void command(Action action) {
        busy.set(true);
        run(() -> {
            action.run();
            return catalog.list();
        }, this::apply);
    }

    private <T> void run(BackgroundExecutor.Work<T> work, Consumer<T> onDone) {
        background.run(work, result -> {
            busy.set(false);
            notice.set(null);
            onDone.accept(result);
        }, this::fail);
    }

    /** A command's sentence with the list as it is afterwards. */
    private record Outcome(String sentence, List<FunctionEntry> list) {
    }

    /** A catalog command; may fail with the catalog's sentence. */
    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    private void apply(List<FunctionEntry> list) {
        String keep = selected.get() == null ? null : selected.get().id();
        functions.setAll(list);
        FunctionEntry again = list.stream().filter(f -> f.id().equals(keep)).findFirst().orElse(null);
        if (again == null && !list.isEmpty()) {
            again = list.stream().filter(f -> f.status().awaitsReview()).findFirst().orElse(list.get(0));
        }
        selected.set(again);
    }

    private void fail(Throwable error) {
        busy.set(false);
        notice.set(Sentences.of(error));
    }
}
