package io.toolsmith.functions;

import io.toolsmith.functions.ExampleRunState.Phase;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.UserFacingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs functions' examples in the background: when the user presses Try, and by themselves when a function's code or
 * spec changes (a new version from the model, an import, a rollback, an edit) and its spec has examples, unless
 * {@code automatic} says no. Each run gets a scratch executor of its own ({@code executors}), which it closes before
 * it says it ended, so a cancelled run has left nothing behind when "cancelled" is shown.
 *
 * <p>One run per function: a newer change or Try cancels the function's older run, whose outcome is then dropped.
 * Runs of different functions wait for each other (one thread), so a change to many functions at once starts one
 * sandbox at a time. Changes are found by comparing each function's examples hash (of its code and spec) with the one
 * seen before; the library as it is when this starts is the baseline, so opening the window runs nothing.
 *
 * <p>Thread-safe. Listeners are called on the thread that changed the state (the run's thread, or the one that
 * cancelled a waiting run) and must not block.
 */
public final class ExampleRuns implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExampleRuns.class);

    private final FunctionLibrary library;
    private final Supplier<ExampleExecutor> executors;
    private final BooleanSupplier automatic;
    private final ExecutorService scans = daemonThread("example-changes");
    private final ExecutorService runs = daemonThread("example-runs");
    private final List<Consumer<ExampleRunState>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean scanQueued = new AtomicBoolean();
    private final CompletableFuture<Void> baseline = new CompletableFuture<>();
    /** Guarded by this: each function's latest run and its state. */
    private final Map<String, Run> current = new HashMap<>();
    private final Map<String, ExampleRunState> states = new HashMap<>();
    /** The examples hash of every function with examples at the last scan; null until the baseline is read. */
    private Map<String, String> seen;

    /** One run of one function's examples; {@code started} is guarded by the enclosing instance. */
    private static final class Run {
        final String function;
        /** The examples hash of the code and spec it runs on, or null when that could not be read. */
        final String hash;
        final boolean automatic;
        final Cancellation cancel = new Cancellation();
        boolean started;

        Run(String function, String hash, boolean automatic) {
            this.function = function;
            this.hash = hash;
            this.automatic = automatic;
        }
    }

    /**
     * @param executors opens a fresh scratch executor for one run (a copy of the data folder and its sandbox)
     * @param automatic whether a change runs the examples by itself (the setting, read at each change)
     */
    public ExampleRuns(FunctionLibrary library, Supplier<ExampleExecutor> executors, BooleanSupplier automatic) {
        this.library = library;
        this.executors = executors;
        this.automatic = automatic;
        boolean queued = submit(scans, () -> {
            try {
                scan();
            } finally {
                baseline.complete(null);
            }
        });
        if (!queued) {
            baseline.complete(null);
        }
    }

    /**
     * Completes once the library as it was at the start has been read: a change made before then may be taken as
     * part of that baseline and run nothing. For callers that change the library right after starting (tests).
     */
    public CompletableFuture<Void> baselineRead() {
        return baseline;
    }

    /** Something in the library may have changed: functions whose code or spec did are run again (if automatic). */
    public void libraryChanged() {
        if (scanQueued.compareAndSet(false, true)) {
            submit(scans, () -> {
                scanQueued.set(false); // a change from now on queues another scan, which sees it
                scan();
            });
        }
    }

    /** Runs the function's examples now (the user's Try), cancelling a run of them under way. */
    public void start(String function) {
        String hash;
        try {
            hash = library.examplesHash(function);
        } catch (UserFacingException e) {
            hash = null; // the run says why it cannot run
        }
        start(function, hash, false);
    }

    /**
     * Cancels the function's run: a waiting one ends at once, a running one as soon as the sandbox has killed its
     * call and the scratch copy is removed. Nothing happens when no run of it is under way.
     */
    public void cancel(String function) {
        ExampleRunState cancelled = null;
        synchronized (this) {
            Run run = current.get(function);
            ExampleRunState state = states.get(function);
            if (run == null || state == null || !state.active()) {
                return;
            }
            run.cancel.cancel(); // kills the call under way through the sandbox
            if (!run.started) {
                cancelled = set(run, state.to(Phase.CANCELLED));
            }
        }
        tell(cancelled);
    }

    /** The function's latest run, if one was made since this started (and the function did not change since). */
    public synchronized Optional<ExampleRunState> state(String function) {
        return Optional.ofNullable(states.get(function));
    }

    /** Registers a listener for every change of a run's state; returns a handle that removes it. */
    public Runnable onChange(Consumer<ExampleRunState> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Cancels every run and waits briefly for the one under way to remove its scratch copy. */
    @Override
    public void close() {
        synchronized (this) {
            current.values().forEach(run -> run.cancel.cancel());
        }
        scans.shutdownNow();
        runs.shutdown();
        try {
            if (!runs.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("A run of examples did not end within 10 s of closing");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void start(String function, String hash, boolean automaticRun) {
        ExampleRunState waiting;
        Run run = new Run(function, hash, automaticRun);
        synchronized (this) {
            Run older = current.put(function, run);
            if (older != null) {
                older.cancel.cancel(); // its outcome, about code that is no longer there, is dropped
            }
            waiting = set(run, new ExampleRunState(function, Phase.WAITING, automaticRun, null, ""));
        }
        tell(waiting);
        if (!submit(runs, () -> execute(run))) {
            cancel(function);
        }
    }

    private void execute(Run run) {
        ExampleRunState running;
        synchronized (this) {
            if (run.cancel.isCancelled()) {
                return; // cancelled or replaced while it waited: already said so
            }
            run.started = true;
            running = set(run, states.get(run.function).to(Phase.RUNNING));
        }
        tell(running);
        ExampleRunState end;
        // The executor is closed (the scratch copy and its sandbox removed) before the end is told.
        try (ExampleExecutor executor = executors.get()) {
            ExampleRunner.Trial trial = new ExampleRunner(library, executor).trial(run.function, run.cancel);
            end = new ExampleRunState(run.function, Phase.DONE, run.automatic, trial, "");
        } catch (CancellationException e) {
            end = new ExampleRunState(run.function, Phase.CANCELLED, run.automatic, null, "");
        } catch (UserFacingException e) {
            end = new ExampleRunState(run.function, Phase.FAILED, run.automatic, null, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("The examples of {} could not run", run.function, e);
            end = new ExampleRunState(run.function, Phase.FAILED, run.automatic, null, "The examples of "
                    + run.function + " could not run (" + e.getMessage() + "); the log has the details.");
        }
        ExampleRunState told;
        synchronized (this) {
            told = set(run, end);
        }
        tell(told);
    }

    /** Reads every function's examples hash and starts a run for each that changed since the last scan. */
    private void scan() {
        Map<String, String> now = new HashMap<>();
        for (FunctionEntry entry : library.list()) {
            if (entry.spec() != null && entry.spec().path("examples").isArray()
                    && !entry.spec().path("examples").isEmpty()) {
                try {
                    String hash = library.examplesHash(entry.name());
                    if (hash != null) {
                        now.put(entry.name(), hash);
                    }
                } catch (UserFacingException e) {
                    // deleted since it was listed: it has nothing to run
                }
            }
        }
        Map<String, String> changed = new HashMap<>();
        List<ExampleRunState> gone = new ArrayList<>();
        synchronized (this) {
            Map<String, String> before = seen;
            seen = now;
            if (before == null) {
                return;
            }
            now.forEach((function, hash) -> {
                Run latest = current.get(function);
                // A Try made since the change already runs on this code and spec.
                if (!hash.equals(before.get(function)) && (latest == null || !hash.equals(latest.hash))) {
                    changed.put(function, hash);
                }
            });
            for (String function : before.keySet()) {
                if (!now.containsKey(function)) {
                    forget(function).ifPresent(gone::add);
                }
            }
        }
        gone.forEach(this::tell);
        boolean run = automatic.getAsBoolean();
        for (Map.Entry<String, String> change : changed.entrySet()) {
            String function = change.getKey();
            if (run) {
                start(function, change.getValue(), true);
            } else {
                Optional<ExampleRunState> dropped;
                synchronized (this) {
                    dropped = forget(function); // what it showed was about the code before the change
                }
                dropped.ifPresent(this::tell);
            }
        }
    }

    /**
     * Drops a function's run (cancelled if under way), whose outcome is about code that is no longer there; answers
     * the state to tell when there was a run. Called holding this.
     */
    private Optional<ExampleRunState> forget(String function) {
        Run run = current.remove(function);
        ExampleRunState state = states.remove(function);
        if (run == null || state == null) {
            return Optional.empty();
        }
        run.cancel.cancel();
        return Optional.of(state.to(Phase.OUTDATED));
    }

    /** Records the state of {@code run} if it is still the function's latest run; null when it is not. */
    private ExampleRunState set(Run run, ExampleRunState state) {
        if (current.get(run.function) != run) {
            return null;
        }
        states.put(run.function, state);
        return state;
    }

    private void tell(ExampleRunState state) {
        if (state == null) {
            return;
        }
        for (Consumer<ExampleRunState> listener : listeners) {
            try {
                listener.accept(state);
            } catch (RuntimeException e) {
                LOG.warn("A listener of the examples' runs failed", e);
            }
        }
    }

    private static boolean submit(ExecutorService executor, Runnable work) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.warn("Running examples in the background failed", e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false; // closed: nothing runs any more
        }
    }

    private static ExecutorService daemonThread(String name) {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
