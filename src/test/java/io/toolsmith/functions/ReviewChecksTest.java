package io.toolsmith.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks shown at review time, computed without running any of the code. */
class ReviewChecksTest {
    private static PythonAnalyzer analyzer;

    @TempDir
    Path home;
    private FunctionLibrary library;

    @BeforeAll
    static void startAnalyzer() {
        analyzer = new PythonAnalyzer();
    }

    @AfterAll
    static void stopAnalyzer() {
        analyzer.close();
    }

    @BeforeEach
    void setUp() {
        library = new FunctionLibrary(home.resolve("functions"), analyzer);
    }

    private static List<String> texts(Review review) {
        return review.checks().stream().map(Check::toString).toList();
    }

    private static boolean has(Review review, String where, String fragment) {
        return review.checks().stream().anyMatch(c -> c.where().equals(where) && c.message().contains(fragment));
    }

    @Test
    void theTutorialsExpenseTrackerPassesAllChecks() throws Exception {
        library.addCode(Fixtures.expensesV1());
        library.addSpec(Fixtures.spec("record_expense"));
        library.addSpec(Fixtures.spec("list_expenses"));
        Review review = library.review("record_expense");
        assertTrue(review.checks().isEmpty(), texts(review).toString());
        assertFalse(review.hasErrors());
        assertEquals(Fixtures.expensesV1(), review.code());
        assertEquals("", review.diff());
        assertEquals(2, review.analysis().publicFunctions().size());
    }

    @Test
    void invalidSpecIsReportedByJsonPointer() throws Exception {
        library.addCode(Fixtures.expensesV1());
        ObjectNode spec = Fixtures.spec("record_expense");
        ((ObjectNode) spec.withArray("examples").get(0)).remove("prompt");
        spec.put("parameters", "date, category, amount");
        spec.remove("responses");
        library.addSpec(spec);
        Review review = library.review("record_expense");
        assertTrue(has(review, "/examples/0", "required property 'prompt' is missing"), texts(review).toString());
        assertTrue(has(review, "/parameters", "expected object, got string"), texts(review).toString());
        assertTrue(has(review, "/", "required property 'responses' is missing"), texts(review).toString());
        assertTrue(review.hasErrors());
    }

    @Test
    void specAndCodeMismatches() throws Exception {
        library.addCode(Fixtures.expensesV1());
        ObjectNode spec = Fixtures.spec("record_expense");
        ObjectNode properties = (ObjectNode) spec.path("parameters").path("properties");
        properties.putObject("currency").put("type", "string");
        properties.remove("category");
        spec.withArray("/parameters/required").removeAll().add("date").add("description");
        library.addSpec(spec);
        Review review = library.review("record_expense");
        assertTrue(has(review, "/parameters/properties/currency", "'currency' is not in the signature"),
                texts(review).toString());
        assertTrue(has(review, "/parameters/properties", "requires 'category' but the spec does not describe it"),
                texts(review).toString());
        assertTrue(has(review, "/parameters/required", "'amount' has no default in the code"), texts(review).toString());
        assertTrue(review.checks().stream().anyMatch(c -> c.severity() == Check.Severity.WARNING
                && c.message().contains("'description' has a default ('')")), texts(review).toString());
        assertTrue(has(review, "", "also defines list_expenses, which has no spec"), texts(review).toString());
    }

    @Test
    void specWhoseFunctionTheCodeDoesNotDefine() throws Exception {
        ObjectNode spec = Fixtures.spec("list_expenses");
        spec.put("name", "export_expenses");
        library.addSpec(spec);
        Review review = library.review("export_expenses");
        assertEquals(FunctionStatus.NEEDS_CODE, review.entry().status());
        assertTrue(has(review, "", "there is no code for this spec"), texts(review).toString());
    }

    @Test
    void syntaxErrorWithLineNumberAndNoApproval() throws Exception {
        String code = "def broken(a):\n    x = (1,\n    return a\n\ndef fine():\n    return 1\n";
        assertEquals(List.of("broken", "fine"), library.addCode(code), "names recovered from def lines");
        ObjectNode spec = Fixtures.spec("list_expenses");
        spec.put("name", "fine");
        library.addSpec(spec);
        Review review = library.review("fine");
        Check syntax = review.checks().stream().filter(c -> c.message().startsWith("syntax error")).findFirst()
                .orElseThrow(() -> new AssertionError(texts(review)));
        assertEquals("line 2", syntax.where());
        var e = assertThrows(UserFacingException.class, () -> library.approve("fine", false));
        assertTrue(e.getMessage().contains("syntax error at line 2"), e.getMessage());
    }

    @Test
    void networkAndProcessAccessAndLoadTimeStatementsAreFlagged() throws Exception {
        String code = """
                import os
                import requests
                from urllib.request import urlopen
                import subprocess as sp

                LIMIT = 10
                NAMES = ("a", "b")
                os.makedirs(os.path.expanduser("~/data"), exist_ok=True)
                CACHE = dict()

                def fetch(url):
                    os.system("echo hi")
                    return requests.get(url).text

                for i in range(3):
                    pass
                try:
                    import numpy
                except ImportError:
                    numpy = None

                if __name__ == "__main__":
                    fetch("http://example.com")
                """;
        library.addCode(code);
        ObjectNode spec = Fixtures.spec("list_expenses");
        spec.put("name", "fetch");
        ((ObjectNode) spec.path("parameters").path("properties")).putObject("url").put("type", "string");
        spec.withArray("/parameters/required").add("url");
        library.addSpec(spec);
        Review review = library.review("fetch");
        CodeAnalysis analysis = review.analysis();
        assertTrue(analysis.network());
        assertTrue(analysis.process());
        assertTrue(has(review, "line 2", "uses the network (requests)"), texts(review).toString());
        assertTrue(has(review, "line 3", "uses the network (urllib.request)"), texts(review).toString());
        assertTrue(has(review, "line 4", "processes (subprocess)"), texts(review).toString());
        assertTrue(has(review, "line 12", "processes (os.system)"), texts(review).toString());
        List<Integer> loadTimeLines = analysis.loadTime().stream().map(CodeAnalysis.LoadTimeStatement::line).toList();
        assertEquals(List.of(8, 9, 15, 22), loadTimeLines, "constants (lines 6, 7) and the optional import are allowed");
        assertEquals(List.of("call", "computed assignment", "for", "main block"),
                analysis.loadTime().stream().map(CodeAnalysis.LoadTimeStatement::kind).toList());
        assertTrue(has(review, "line 8", "runs when the module is loaded"), texts(review).toString());
    }

    @Test
    void analysisReportsSignaturesInDetail() throws Exception {
        CodeAnalysis analysis = analyzer.analyze("""
                def f(a, /, b: int, c: str = "x", *args, d: list[str] | None = None, **kw) -> dict:
                    '''Does f.'''
                    return {}
                """);
        var f = analysis.function("f").orElseThrow();
        assertEquals("Does f.", f.docstring());
        assertEquals("dict", f.returns());
        assertEquals(List.of("positional_only", "positional_or_keyword", "positional_or_keyword", "var_positional",
                "keyword_only", "var_keyword"), f.params().stream().map(CodeAnalysis.Param::kind).toList());
        var c = f.params().get(2);
        assertTrue(c.hasDefault());
        assertEquals("'x'", c.defaultValue());
        assertEquals("str", c.annotation());
        assertEquals("list[str] | None", f.params().get(4).annotation());
        assertFalse(f.params().get(1).hasDefault());
        assertEquals(Json.MAPPER.readTree("[]"), Json.MAPPER.valueToTree(analysis.syntaxErrors()));
    }
}
