package io.toolsmith.sandbox;

import static io.toolsmith.sandbox.LocalSandboxTest.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.util.Cancellation;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.Unpickler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tutorial's expense tracker, as a model would write it, run in the local sandbox. */
class ExpenseTrackerTest {
    static final String EXPENSES = String.join("\n",
            "import os",
            "import pickle",
            "from datetime import date",
            "",
            "DATA_FILE = os.path.expanduser('~/data/expenses.pkl')",
            "",
            "",
            "class InvalidDateError(ValueError):",
            "    \"\"\"The date is not in YYYY-MM-DD form.\"\"\"",
            "",
            "",
            "def _load():",
            "    if not os.path.exists(DATA_FILE):",
            "        return []",
            "    with open(DATA_FILE, 'rb') as f:",
            "        return pickle.load(f)",
            "",
            "",
            "def record_expense(amount, category, date_str=None, description=''):",
            "    \"\"\"Stores one expense and returns it.\"\"\"",
            "",
            "    if date_str is None:",
            "        date_str = date.today().isoformat()",
            "    try:",
            "        date.fromisoformat(date_str)",
            "    except ValueError:",
            "        raise InvalidDateError(f'{date_str} is not a date in YYYY-MM-DD form')",
            "",
            "    expenses = _load()",
            "    expense = {'amount': float(amount), 'category': category, 'date': date_str,",
            "               'description': description}",
            "    expenses.append(expense)",
            "    os.makedirs(os.path.dirname(DATA_FILE), exist_ok=True)",
            "    with open(DATA_FILE, 'wb') as f:",
            "        pickle.dump(expenses, f)",
            "    print(f'Recorded {amount} for {category}')",
            "    return expense",
            "",
            "",
            "def list_expenses(category=None):",
            "    \"\"\"Lists the stored expenses, optionally of one category.\"\"\"",
            "    return [e for e in _load() if category is None or e['category'] == category]",
            "");

    @TempDir
    Path dir;

    @Test
    void recordsAndListsExpensesInTheDataFolder() throws Exception {
        Path data = dir.resolve("data");
        try (Sandbox sandbox = Sandboxes.open(SandboxSettings.defaults(), data, dir.resolve("work"))) {
            sandbox.define("expenses", EXPENSES, false);
            CallOutcome first = sandbox.call("1", "expenses", "record_expense",
                    args("amount", 12.5, "category", "food", "date_str", "2024-05-01", "description", "lunch"),
                    Cancellation.none());
            assertTrue(first.ok(), () -> String.valueOf(first.error()));
            assertEquals("Recorded 12.5 for food\n", first.output());
            sandbox.call("2", "expenses", "record_expense", args("amount", 30, "category", "travel",
                    "date_str", "2024-05-02"), Cancellation.none());

            CallOutcome bad = sandbox.call("3", "expenses", "record_expense",
                    args("amount", 1, "category", "food", "date_str", "May 3rd"), Cancellation.none());
            assertFalse(bad.ok());
            assertEquals("InvalidDateError", bad.error().name());
            assertEquals("May 3rd is not a date in YYYY-MM-DD form", bad.error().message());

            CallOutcome food = sandbox.call("4", "expenses", "list_expenses", args("category", "food"),
                    Cancellation.none());
            assertEquals(1, food.result().size());
            assertEquals("lunch", food.result().get(0).get("description").asText());
        }
        Path pickle = data.resolve("expenses.pkl");
        assertTrue(Files.exists(pickle));
        try (InputStream in = Files.newInputStream(pickle)) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> stored = (List<Map<String, Object>>) new Unpickler().load(in);
            assertEquals(2, stored.size());
            assertEquals(30.0, stored.get(1).get("amount"));
            assertEquals("2024-05-02", stored.get(1).get("date"));
        }
    }
}
