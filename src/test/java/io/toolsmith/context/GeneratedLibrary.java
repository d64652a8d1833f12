package io.toolsmith.context;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.functions.FunctionLibrary;
import io.toolsmith.functions.PythonAnalyzer;
import io.toolsmith.testing.TemplateFolder;
import io.toolsmith.util.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A library of many approved functions, generated from verbs and nouns ("archive_invoice: Archives an invoice
 * …"), with one hand-written spec among them: the expense tracker's record_expense and convert_currency, which
 * the tests' requests are about. The code is real Python, analysed and approved by the real library.
 */
final class GeneratedLibrary {
    static final List<String> VERBS = List.of("record", "list", "delete", "update", "summarize", "export", "import",
            "search", "count", "rename", "archive", "schedule", "remind", "compare", "validate", "merge", "split",
            "plot", "share", "print");
    static final List<String> NOUNS = List.of("invoice", "contact", "note", "meeting", "recipe", "workout", "book",
            "movie", "plant", "trip", "temperature", "task", "photo", "song", "habit");

    private static final int MODULE_SIZE = 5;
    /** Only in record_expense's spec (the writing prompt's own record_expense example says something else). */
    static final String RECORD_EXPENSE_DESCRIPTION = "Records one expense: what was spent, on what, and when.";

    /**
     * Library folders approved once per test run, by function count: approving hundreds takes seconds of analysis,
     * and the classes that need one may run in different test JVMs.
     */
    private static final Map<Integer, Path> APPROVED = new HashMap<>();

    private GeneratedLibrary() {
    }

    /** Copies a library of {@code count} approved functions (see {@link #approve}) into {@code functionsFolder}. */
    static synchronized void copyApproved(int count, Path functionsFolder) throws Exception {
        Path template = APPROVED.get(count);
        if (template == null) {
            template = TemplateFolder.sharedByTheRun("library-" + count, folder -> {
                try (PythonAnalyzer analyzer = new PythonAnalyzer()) {
                    approve(new FunctionLibrary(folder, analyzer), count);
                }
            });
            APPROVED.put(count, template);
        }
        TemplateFolder.copy(template, functionsFolder);
    }

    /** Approves {@code count} functions (at most 302): the two hand-written ones and generated ones. */
    static List<ObjectNode> approve(FunctionLibrary library, int count) throws Exception {
        List<ObjectNode> specs = new ArrayList<>(List.of(recordExpense(), convertCurrency()));
        for (int i = 0; specs.size() < count; i++) {
            specs.add(generated(VERBS.get(i % VERBS.size()), NOUNS.get(i / VERBS.size())));
        }
        // Modules of a few functions each, as the model writes them: the library's work per spec grows with its module.
        for (int from = 0; from < specs.size(); from += MODULE_SIZE) {
            List<ObjectNode> module = specs.subList(from, Math.min(specs.size(), from + MODULE_SIZE));
            StringBuilder code = new StringBuilder();
            for (ObjectNode spec : module) {
                code.append("def ").append(spec.get("name").asText()).append("(**arguments):\n    return arguments\n\n\n");
            }
            library.addCode(code.toString());
            for (ObjectNode spec : module) {
                library.addSpec(spec);
                library.approve(spec.get("name").asText(), false);
            }
        }
        return specs;
    }

    static ObjectNode generated(String verb, String noun) throws Exception {
        String name = verb + "_" + noun;
        return (ObjectNode) Json.MAPPER.readTree("""
                {"name": "%s", "description": "%ss a %s kept in the %s list and returns what changed.",
                 "parameters": {"type": "object", "properties": {
                   "%s_id": {"type": "string", "description": "Which %s."},
                   "details": {"type": "string", "description": "Anything the %s needs to %s it."}},
                   "required": ["%s_id"]},
                 "responses": [{"type": "object"}],
                 "errors": [{"name": "Unknown%sError", "description": "No %s has that id."}],
                 "examples": [{"prompt": "Please %s my %s.", "parameters": {"%s_id": "7"}}]}
                """.formatted(name, capital(verb), noun, noun, noun, noun, noun, verb, noun, capital(noun), noun,
                verb, noun, noun));
    }

    static ObjectNode recordExpense() throws Exception {
        return (ObjectNode) Json.MAPPER.readTree("""
                {"name": "record_expense", "description": "%s",
                 "parameters": {"type": "object", "properties": {
                   "amount": {"type": "number", "description": "The amount spent, greater than zero."},
                   "category": {"type": "string", "description": "What the money was spent on, e.g. Travel or Food."},
                   "date": {"type": "string", "description": "The day of the expense, YYYY-MM-DD."}},
                   "required": ["amount", "category"]},
                 "responses": [{"type": "integer", "description": "How many expenses are stored."}],
                 "errors": [{"name": "InvalidAmountError", "description": "The amount is zero or negative."}],
                 "examples": [{"prompt": "I spent 300 on a cab ride.", "parameters": {"amount": 300, "category": "Travel"}}]}
                """.formatted(RECORD_EXPENSE_DESCRIPTION));
    }

    static ObjectNode convertCurrency() throws Exception {
        return (ObjectNode) Json.MAPPER.readTree("""
                {"name": "convert_currency", "description": "Converts an amount of money from one currency to another.",
                 "parameters": {"type": "object", "properties": {
                   "amount": {"type": "number", "description": "How much money."},
                   "base": {"type": "string", "description": "ISO code of the currency to convert from."},
                   "target": {"type": "string", "description": "ISO code of the currency to convert to."}},
                   "required": ["amount", "base", "target"]},
                 "responses": [{"type": "number"}],
                 "examples": [{"prompt": "How many rupees is 20 euros?", "parameters": {"amount": 20, "base": "EUR", "target": "INR"}}]}
                """);
    }

    private static String capital(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
