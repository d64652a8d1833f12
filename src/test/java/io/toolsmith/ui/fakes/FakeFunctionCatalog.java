package io.toolsmith.ui.fakes;

import io.toolsmith.ui.functions.ExampleResult;
import io.toolsmith.ui.functions.FunctionCatalog;
import io.toolsmith.ui.functions.FunctionEntry;
import io.toolsmith.ui.functions.FunctionStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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
    private final List<FunctionEntry> entries = new CopyOnWriteArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<FunctionEntry> deleted = new CopyOnWriteArrayList<>();
    public final List<String> approvals = new CopyOnWriteArrayList<>();
    public volatile boolean networkByDefault;

    public FakeFunctionCatalog() {
        entries.add(entry("expenses.record_expense", "record_expense", FunctionStatus.PENDING, CODE, null));
        entries.add(entry("weather.fetch", "fetch_weather", FunctionStatus.APPROVED,
                "import requests\n\ndef fetch_weather(city):\n    return requests.get(city).json()\n", null));
    }

    private static FunctionEntry entry(String id, String name, FunctionStatus status, String code, String approved) {
        return new FunctionEntry(id, id.substring(0, id.indexOf('.')), name, status,
                "Record an expense in a category.",
                List.of(new FunctionEntry.Parameter("category", "string", true, "Travel, Food, …"),
                        new FunctionEntry.Parameter("amount", "number", true, "Positive amount"),
                        new FunctionEntry.Parameter("note", "string", false, "Free text")),
                "{\"count\": integer}", List.of("InvalidAmount: the amount is not positive"),
                List.of(new FunctionEntry.Example("I spent 300 on a train", "{\"category\": \"Travel\", \"amount\": 300}")),
                code, approved, List.of(new FunctionEntry.Check(true, "defines " + name),
                        new FunctionEntry.Check(true, "no top-level side effects")),
                code.contains("requests"));
    }

    public void add(FunctionEntry entry) {
        entries.add(entry);
        listeners.forEach(Runnable::run);
    }

    @Override
    public List<FunctionEntry> list() {
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
        FunctionEntry gone = entries.stream().filter(e -> e.id().equals(functionId)).findFirst().orElseThrow();
        entries.remove(gone);
        deleted.add(gone);
        return "Deleted " + gone.name() + ".";
    }

    @Override
    public void undelete(String functionId) {
        FunctionEntry back = deleted.stream().filter(e -> e.id().equals(functionId)).findFirst().orElseThrow();
        deleted.remove(back);
        entries.add(back);
    }

    @Override
    public List<ExampleResult> tryExamples(String functionId) {
        return List.of(new ExampleResult("I spent 300 on a train", true, "{\"count\": 1}"));
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

    private void setStatus(String id, FunctionStatus status) {
        entries.replaceAll(e -> e.id().equals(id) ? new FunctionEntry(e.id(), e.module(), e.name(), status,
                e.description(), e.parameters(), e.responses(), e.errors(), e.examples(), e.code(), e.diff(),
                e.checks(), e.importsNetwork()) : e);
    }
}
