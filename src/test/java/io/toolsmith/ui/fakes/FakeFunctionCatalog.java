package io.toolsmith.ui.fakes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.functions.CallPolicy;
import io.toolsmith.functions.Check;
import io.toolsmith.functions.CodeAnalysis;
import io.toolsmith.functions.Effect;
import io.toolsmith.functions.Effects;
import io.toolsmith.functions.ExampleResult;
import io.toolsmith.functions.ExampleRunState;
import io.toolsmith.functions.ExampleRunner;
import io.toolsmith.functions.FunctionEntry;
import io.toolsmith.functions.FunctionStatus;
import io.toolsmith.functions.FunctionVersion;
import io.toolsmith.functions.Review;
import io.toolsmith.ui.functions.FunctionCatalog;
import io.toolsmith.util.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A function library in memory: approving, rejecting and revoking change the status; delete can be undone. */
public final class FakeFunctionCatalog implements FunctionCatalog {
    public static final String CODE = """
            import pickle
            from pathlib import Path

            class InvalidAmount(Exception):
                pass

            def record_expense(category: str, amount: float, note: str = "") -> dict:
                \"\"\"Store one expense in ~/data/expenses.pkl.\"\"\"
                if amount <= 0:
                    raise InvalidAmount(f"amount must be positive, got {amount}")
                path = Path.home() / "data" / "expenses.pkl"
                rows = pickle.loads(path.read_bytes()) if path.exists() else []
                rows.append({"category": category, "amount": amount, "note": note})
                path.write_bytes(pickle.dumps(rows))
                return {"count": len(rows)}
            """;
    private static final String SPEC = """
            {"name": "%s", "description": "Record an expense in a category.",
             "parameters": {"type": "object", "required": ["category", "amount"], "properties": {
               "category": {"type": "string", "description": "Travel, Food, …"},
               "amount": {"type": "number", "description": "Positive amount"},
               "note": {"type": "string", "description": "Free text"}}},
             "responses": [{"type": "object", "description": "{\\"count\\": integer}"}],
             "errors": [{"name": "InvalidAmount", "description": "the amount is not positive"}],
             "examples": [{"prompt": "I spent 300 on a train", "parameters": {"category": "Travel", "amount": 300}}]}
            """;
    private final List<Review> entries = new CopyOnWriteArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<Review> deleted = new CopyOnWriteArrayList<>();
    public final List<String> approvals = new CopyOnWriteArrayList<>();
    /** "name=auto", "name=default": each policy the user set. */
    public final List<String> policies = new CopyOnWriteArrayList<>();
    private final List<String> rolledBack = new CopyOnWriteArrayList<>();
    public volatile boolean networkByDefault;
    /** What the next "Try with examples" reports as left out of the copy of the data folder. */
    public volatile List<String> skipped = List.of();
    /** When set, Try leaves the run running until the test finishes it ({@link #finishExamples}) or it is cancelled. */
    public volatile boolean examplesWait;
    private final Map<String, ExampleRunState> runs = new ConcurrentHashMap<>();
    private final List<Consumer<ExampleRunState>> runListeners = new CopyOnWriteArrayList<>();

    public FakeFunctionCatalog() {
        entries.add(review("expenses", "record_expense", FunctionStatus.PENDING, CODE, true));
        entries.add(review("weather", "fetch_weather", FunctionStatus.APPROVED,
                "import requests\n\ndef fetch_weather(city):\n    return requests.get(city).json()\n", true));
    }

    /** A function as the library would review it; {@code withSpec} false for one the model gave no spec yet. */
    public static Review review(String module, String name, FunctionStatus status, String code, boolean withSpec) {
        ObjectNode spec = withSpec ? spec(name) : null;
        CodeAnalysis analysis = code == null ? null : new CodeAnalysis(List.of(),
                List.of(new CodeAnalysis.FunctionInfo(name, 1, List.of(), null, null, false, 1, 0)), List.of(), List.of(),
                List.of(), code.contains("requests"), false, List.of(), null);
        return new Review(new FunctionEntry(name, module, status, 1, false, CallPolicy.AUTO, spec,
                code != null && code.contains("requests") ? Effects.of(Effect.NETWORK) : Effects.NONE, null), code, spec,
                analysis, List.of(Check.warning("", "no top-level side effects checked")), "");
    }

    private static ObjectNode spec(String name) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(SPEC.formatted(name));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void add(Review entry) {
        entries.add(entry);
        listeners.forEach(Runnable::run);
    }

    @Override
    public List<Review> list() {
        return List.copyOf(entries);
    }

    @Override
    public void approve(String functionId, boolean allowNetwork) {
        approvals.add(functionId + (allowNetwork ? "+network" : ""));
        setStatus(functionId, FunctionStatus.APPROVED);
    }

    @Override
    public void reject(String functionId) {
        setStatus(functionId, FunctionStatus.REJECTED);
    }

    @Override
    public void revoke(String functionId) {
        setStatus(functionId, FunctionStatus.PENDING);
    }

    @Override
    public String delete(String functionId) {
        Review gone = find(entries, functionId);
        entries.remove(gone);
        deleted.add(gone);
        return "Deleted " + functionId + ".";
    }

    @Override
    public void undelete(String functionId) {
        Review back = find(deleted, functionId);
        deleted.remove(back);
        entries.add(back);
    }

    /** Two versions of every function: 1 (the one approved, if any) and 2, the current one. */
    @Override
    public List<FunctionVersion> versions(String functionId) {
        java.time.Instant at = java.time.Instant.parse("2026-12-05T10:00:00Z");
        return List.of(new FunctionVersion(1, at, "a".repeat(64), "approved", rolledBack.contains(functionId), true),
                new FunctionVersion(2, at.plusSeconds(60), "b".repeat(64), FunctionVersion.UNDECIDED,
                        !rolledBack.contains(functionId), true));
    }

    @Override
    public String diffToCurrent(String functionId, int from) {
        return "--- v" + from + "/code.py\n+++ current/code.py\n@@ -1 +1 @@\n-    return True\n+    return 1\n";
    }

    @Override
    public String rollback(String functionId, int number) {
        rolledBack.add(functionId);
        listeners.forEach(Runnable::run);
        return "Rolled back " + functionId + " to version " + number + ".";
    }

    @Override
    public void setPolicy(String functionId, CallPolicy policy) {
        policies.add(functionId + "=" + (policy == null ? "default" : policy.label()));
        entries.replaceAll(e -> {
            if (!e.entry().name().equals(functionId)) {
                return e;
            }
            FunctionEntry f = e.entry();
            return new Review(new FunctionEntry(f.name(), f.module(), f.status(), f.version(), f.network(),
                    policy == null ? CallPolicy.AUTO : policy, f.spec(), f.effects(), f.approvedEffects(), policy != null),
                    e.code(), e.spec(), e.analysis(), e.checks(), e.diff());
        });
    }

    @Override
    public ExampleRunner.Trial tryExamples(String functionId) {
        return new ExampleRunner.Trial(List.of(new ExampleRunner.ExampleRun("I spent 300 on a train",
                Json.MAPPER.createObjectNode().put("amount", 300),
                ExampleResult.success(Json.MAPPER.createObjectNode().put("count", 1)))), skipped);
    }

    /** Runs at once, on the caller's thread: running, then done with {@link #tryExamples}'s trial. */
    @Override
    public void startExamples(String functionId) {
        tell(new ExampleRunState(functionId, ExampleRunState.Phase.RUNNING, false, null, ""));
        if (!examplesWait) {
            finishExamples(functionId);
        }
    }

    /** Ends a run left running ({@link #examplesWait}) with the trial, as a change would have started it. */
    public void finishExamples(String functionId) {
        tell(new ExampleRunState(functionId, ExampleRunState.Phase.DONE, false, tryExamples(functionId), ""));
    }

    @Override
    public void cancelExamples(String functionId) {
        if (runs.containsKey(functionId) && runs.get(functionId).active()) {
            tell(new ExampleRunState(functionId, ExampleRunState.Phase.CANCELLED, false, null, ""));
        }
    }

    @Override
    public Optional<ExampleRunState> exampleRun(String functionId) {
        return Optional.ofNullable(runs.get(functionId));
    }

    @Override
    public Runnable onExampleRun(Consumer<ExampleRunState> listener) {
        runListeners.add(listener);
        return () -> runListeners.remove(listener);
    }

    private void tell(ExampleRunState state) {
        runs.put(state.function(), state);
        runListeners.forEach(l -> l.accept(state));
    }

    @Override
    public void askForSpec(String functionId) {
        // the fake model has nothing more to say
    }

    @Override
    public boolean networkByDefault() {
        return networkByDefault;
    }

    @Override
    public Runnable onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private static Review find(List<Review> list, String name) {
        return list.stream().filter(e -> e.entry().name().equals(name)).findFirst().orElseThrow();
    }

    private void setStatus(String name, FunctionStatus status) {
        entries.replaceAll(e -> {
            if (!e.entry().name().equals(name)) {
                return e;
            }
            FunctionEntry f = e.entry();
            return new Review(new FunctionEntry(f.name(), f.module(), status, f.version(), f.network(), f.policy(),
                    f.spec(), f.effects(), f.approvedEffects(), f.policyChosen()), e.code(), e.spec(), e.analysis(), e.checks(), e.diff());
        });
    }
}
