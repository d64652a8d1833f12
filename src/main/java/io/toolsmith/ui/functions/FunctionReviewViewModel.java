package io.toolsmith.ui.functions;

import io.toolsmith.functions.ExampleRunState;
import io.toolsmith.functions.ExampleRunner;
import io.toolsmith.functions.ExampleText;
import io.toolsmith.functions.FunctionAction;
import io.toolsmith.functions.FunctionActions;
import io.toolsmith.functions.Review;
import io.toolsmith.ui.common.BackgroundExecutor;
import io.toolsmith.ui.common.FxCoalescer;
import io.toolsmith.ui.common.Sentences;
import io.toolsmith.ui.common.UiExecutor;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * State and commands of the Functions tab, over the engine's {@link Review}s. Which commands the selected
 * function allows is the engine's {@link FunctionActions}; the view only binds to {@link #allows}. Library
 * changes (from any thread) are coalesced into one reload; commands run in the background and report a
 * sentence when they fail. Runs of the examples are the catalog's (a change starts them by itself, Try and Cancel
 * start and stop them): the selected function's latest run is {@link #exampleRunProperty}, read again from the
 * catalog whenever it says one changed. FX thread only.
 */
public final class FunctionReviewViewModel {
    private final FunctionCatalog catalog;
    private final BackgroundExecutor background;
    private final ObservableList<Review> functions = FXCollections.observableArrayList();
    private final ObjectProperty<Review> selected = new SimpleObjectProperty<>(this, "selected");
    private final BooleanProperty allowNetwork = new SimpleBooleanProperty(this, "allowNetwork");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final StringProperty notice = new SimpleStringProperty(this, "notice");
    private final ObjectProperty<ExampleRunner.Trial> trial = new SimpleObjectProperty<>(this, "trial");
    private final ObjectProperty<ExampleRunState> exampleRun = new SimpleObjectProperty<>(this, "exampleRun");
    private final BooleanBinding examplesRunning = Bindings.createBooleanBinding(
            () -> exampleRun.get() != null && exampleRun.get().active(), exampleRun);
    private final StringBinding exampleRunText = Bindings.createStringBinding(
            () -> exampleRun.get() == null ? "" : ExampleText.state(exampleRun.get()), exampleRun);
    private final IntegerBinding awaitingReview;
    private final Runnable unsubscribe;
    private final Runnable unsubscribeRuns;
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ObjectProperty<StatusFilter> statusFilter = new SimpleObjectProperty<>(this, "statusFilter",
            StatusFilter.ALL);
    private final FilteredList<Review> shown = new FilteredList<>(functions);
    private final ObservableList<String> recentlyDeleted = FXCollections.observableArrayList();
    private final ObjectProperty<PolicyChoice> policyChoice = new SimpleObjectProperty<>(this, "policyChoice");
    private final FunctionVersionsModel versions;
    /** True while the policy switch follows a newly selected function, so that is not taken as the user's choice. */
    private boolean showingPolicy;

    public FunctionReviewViewModel(FunctionCatalog catalog, BackgroundExecutor background, UiExecutor ui) {
        this.catalog = catalog;
        this.background = background;
        awaitingReview = Bindings.createIntegerBinding(
                () -> (int) functions.stream().filter(FunctionReviewViewModel::awaitsReview).count(), functions);
        FxCoalescer<Boolean> changes = new FxCoalescer<>(ui, batch -> reload());
        unsubscribe = catalog.onChange(() -> changes.post(Boolean.TRUE));
        FxCoalescer<String> runs = new FxCoalescer<>(ui, functionIds -> {
            Review f = selected.get();
            if (f != null && functionIds.contains(id(f))) {
                showExampleRun(id(f));
            }
        });
        unsubscribeRuns = catalog.onExampleRun(state -> runs.post(state.function()));
        exampleRun.addListener((obs, old, now) ->
                trial.set(now != null && now.phase() == ExampleRunState.Phase.DONE ? now.trial() : null));
        versions = new FunctionVersionsModel(catalog, background,
                () -> selected.get() == null ? null : id(selected.get()), notice::set);
        selected.addListener((obs, old, now) -> {
            boolean another = old == null || now == null || !id(old).equals(id(now));
            if (another) {
                // What Try showed, or a failure, was about the function the user left: the new one's latest run shows.
                notice.set(null);
                showExampleRun(now == null ? null : id(now));
            }
            allowNetwork.set(catalog.networkByDefault());
            showingPolicy = true;
            policyChoice.set(now == null ? null : PolicyChoice.of(now.entry()));
            showingPolicy = false;
            versions.load();
        });
        policyChoice.addListener((obs, old, now) -> {
            Review f = selected.get();
            if (!showingPolicy && f != null && now != null && now != PolicyChoice.of(f.entry())) {
                command(() -> catalog.setPolicy(id(f), now.policy()));
            }
        });
        shown.predicateProperty().bind(Bindings.createObjectBinding(
                () -> review -> statusFilter.get().matches(review, search.get()), search, statusFilter));
        // the detail must not keep showing a function the list no longer contains
        search.addListener((obs, old, now) -> forgetHiddenSelection());
        statusFilter.addListener((obs, old, now) -> forgetHiddenSelection());
    }

    /** The functions the search and the status filter let through, for the list. */
    public ObservableList<Review> shownFunctions() {
        return shown;
    }

    /** What the list says when it shows nothing: how functions come, or that the search or filter matches none. */
    public javafx.beans.binding.StringBinding emptyListText() {
        return Bindings.createStringBinding(() -> StatusFilter.emptyListText(functions.isEmpty(), search.get(),
                statusFilter.get()), functions, search, statusFilter);
    }

    /** Shows nothing in the detail when the search or filter hides the selected function from the list. */
    void forgetHiddenSelection() {
        Review now = selected.get();
        if (now != null && !shown.contains(now)) {
            selected.set(null);
        }
    }

    /** Text searched for in names, modules and descriptions. */
    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<StatusFilter> statusFilterProperty() {
        return statusFilter;
    }

    /** The policy switch of the selected function; choosing a value sets the library's policy. */
    public ObjectProperty<PolicyChoice> policyChoiceProperty() {
        return policyChoice;
    }

    /** The selected function's stored versions, their diffs and Roll back. */
    public FunctionVersionsModel versions() {
        return versions;
    }

    /**
     * Try with examples needs the engine to allow it, the spec to have at least one example, and no run of them
     * under way (Cancel is offered then).
     */
    public BooleanBinding canTryExamples() {
        return Bindings.createBooleanBinding(() -> actions().contains(FunctionAction.TRY_EXAMPLES)
                && !ReviewText.examples(selected.get()).isEmpty() && !examplesRunning.get(), selected, examplesRunning);
    }

    /** The selected function's latest run of its examples (started by Try or by a change), or null. */
    public ReadOnlyObjectProperty<ExampleRunState> exampleRunProperty() {
        return exampleRun;
    }

    /** Whether the selected function's examples are running or waiting to: Cancel (and Esc) stops them. */
    public BooleanBinding examplesRunning() {
        return examplesRunning;
    }

    /** A line on the selected function's run ("Running the examples…", "Cancelled: …"), empty when there is none. */
    public StringBinding exampleRunText() {
        return exampleRunText;
    }

    /** A function's id in the library: its name, which is unique there. */
    public static String id(Review review) {
        return review.entry().name();
    }

    public ObservableList<Review> functions() {
        return functions;
    }

    public ObjectProperty<Review> selectedProperty() {
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

    /** The last "Try with examples" of the selected function: each example's outcome and what the copy left out. */
    public ReadOnlyObjectProperty<ExampleRunner.Trial> trialProperty() {
        return trial;
    }

    /** Whether the selected function allows {@code action} now; a button is shown only then. */
    public BooleanBinding allows(FunctionAction action) {
        return Bindings.createBooleanBinding(() -> actions().contains(action), selected);
    }

    /** Whether "may use the network" is offered: the code uses the network and the function can be approved. */
    public BooleanBinding offersNetwork() {
        return Bindings.createBooleanBinding(() -> selected.get() != null && ReviewText.importsNetwork(selected.get())
                && actions().contains(FunctionAction.APPROVE), selected);
    }

    /** How many functions wait for approval (the tab's badge). */
    public IntegerBinding awaitingReviewCount() {
        return awaitingReview;
    }

    public void reload() {
        background.run(catalog::list, this::apply, this::fail);
    }

    public void approve() {
        Review f = selected.get();
        if (f != null) {
            boolean network = allowNetwork.get() && ReviewText.importsNetwork(f);
            command(() -> catalog.approve(id(f), network));
        }
    }

    public void reject() {
        Review f = selected.get();
        if (f != null) {
            command(() -> catalog.reject(id(f)));
        }
    }

    public void revoke() {
        Review f = selected.get();
        if (f != null) {
            command(() -> catalog.revoke(id(f)));
        }
    }

    /**
     * Deletes the selected function; {@code deleted} receives the sentence for the notice with Undo, on the
     * FX thread, once the function is gone from the list.
     */
    public void delete(Consumer<String> deleted) {
        Review f = selected.get();
        if (f == null) {
            return;
        }
        busy.set(true);
        run(() -> {
            String sentence = catalog.delete(id(f));
            return new Outcome(sentence, catalog.list());
        }, done -> {
            apply(done.list());
            recentlyDeleted.remove(id(f));
            recentlyDeleted.add(0, id(f));
            deleted.accept(done.sentence());
        });
    }

    /**
     * The functions deleted from this panel since the window opened, newest first: they can still be brought back
     * once the notice with Undo has gone.
     */
    public ObservableList<String> recentlyDeleted() {
        return recentlyDeleted;
    }

    /** Brings back a function deleted from this panel (the notice's Undo) and selects it. */
    public void undelete(String functionId) {
        busy.set(true);
        run(() -> {
            catalog.undelete(functionId);
            return catalog.list();
        }, list -> {
            apply(list);
            recentlyDeleted.remove(functionId);
            list.stream().filter(f -> id(f).equals(functionId)).findFirst().ifPresent(selected::set);
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

    /**
     * Imports Python files (the Import button, or files dropped on the tab); the functions arrive pending and the
     * first one is selected. {@code said} receives the sentence, on the FX thread.
     */
    public void importFiles(List<java.nio.file.Path> files, Consumer<String> said) {
        List<java.nio.file.Path> python = files.stream().filter(FunctionReviewViewModel::isPython).toList();
        if (python.isEmpty()) {
            said.accept("Only Python files (.py) can be imported as functions; nothing was imported.");
            return;
        }
        busy.set(true);
        run(() -> new Outcome(catalog.importFiles(python), catalog.list()), done -> {
            apply(done.list());
            said.accept(done.sentence());
        }, said);
    }

    /** Whether a dropped or chosen file is one the importer takes. */
    public static boolean isPython(java.nio.file.Path file) {
        return file.getFileName() != null && file.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                .endsWith(".py");
    }

    /** Writes the approved functions into {@code folder}; {@code said} receives the sentence, on the FX thread. */
    public void export(java.nio.file.Path folder, Consumer<String> said) {
        busy.set(true);
        run(() -> catalog.export(folder), said, said);
    }

    /**
     * Selects the named function (a call card's Review), first clearing a search or filter that hides it, and
     * reloading when the library does not list it yet; {@code notFound} is told when there is no such function.
     */
    public void select(String name, Runnable notFound) {
        Review known = functions.stream().filter(f -> id(f).equals(name)).findFirst().orElse(null);
        if (known != null) {
            reveal(known);
            return;
        }
        background.run(catalog::list, list -> {
            apply(list);
            list.stream().filter(f -> id(f).equals(name)).findFirst().ifPresentOrElse(this::reveal, notFound);
        }, this::fail);
    }

    private void reveal(Review review) {
        if (!statusFilter.get().matches(review, search.get())) {
            search.set("");
            statusFilter.set(StatusFilter.ALL);
        }
        selected.set(review);
    }

    public void askForSpec() {
        Review f = selected.get();
        if (f != null) {
            command(() -> catalog.askForSpec(id(f)));
        }
    }

    /** Starts a run of the selected function's examples; its progress and outcome arrive as {@link #exampleRunProperty}. */
    public void tryExamples() {
        Review f = selected.get();
        if (f == null) {
            return;
        }
        background.run(() -> {
            catalog.startExamples(id(f));
            return f;
        }, started -> { }, this::fail);
    }

    /** Stops the selected function's run of its examples (Cancel, or Esc in the tab) when one is under way. */
    public void cancelExamples() {
        Review f = selected.get();
        if (f != null && examplesRunning.get()) {
            background.run(() -> {
                catalog.cancelExamples(id(f));
                return f;
            }, cancelled -> { }, this::fail);
        }
    }

    private void showExampleRun(String functionId) {
        exampleRun.set(functionId == null ? null : catalog.exampleRun(functionId).orElse(null));
    }

    /** Stops listening to the library (window closing). */
    public void close() {
        unsubscribe.run();
        unsubscribeRuns.run();
    }

    private Set<FunctionAction> actions() {
        return selected.get() == null ? Set.of() : FunctionActions.allowed(selected.get());
    }

    private static boolean awaitsReview(Review review) {
        return FunctionActions.awaitsReview(review.entry().status());
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

    /** As above, with the failure's sentence going to {@code onFailure} (a notice the user sees where they acted). */
    private <T> void run(BackgroundExecutor.Work<T> work, Consumer<T> onDone, Consumer<String> onFailure) {
        background.run(work, result -> {
            busy.set(false);
            notice.set(null);
            onDone.accept(result);
        }, error -> {
            busy.set(false);
            onFailure.accept(Sentences.of(error));
        });
    }

    /** A command's sentence with the list as it is afterwards. */
    private record Outcome(String sentence, List<Review> list) {
    }

    /** A catalog command; may fail with the catalog's sentence. */
    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    private void apply(List<Review> list) {
        String keep = selected.get() == null ? null : id(selected.get());
        functions.setAll(list);
        Review again = list.stream().filter(f -> id(f).equals(keep)).findFirst().orElse(null);
        if (again == null && !list.isEmpty()) {
            again = list.stream().filter(FunctionReviewViewModel::awaitsReview).findFirst().orElse(list.get(0));
        }
        selected.set(again);
    }

    private void fail(Throwable error) {
        busy.set(false);
        notice.set(Sentences.of(error));
    }
}
