package io.toolsmith.ui.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.functions.CallPolicy;
import io.toolsmith.functions.CodeAnalysis;
import io.toolsmith.functions.Effects;
import io.toolsmith.functions.FunctionEntry;
import io.toolsmith.functions.FunctionStatus;
import io.toolsmith.functions.PythonAnalyzer;
import io.toolsmith.functions.Review;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A function's lines in its module, from the real analyzer's syntax tree, and by indentation when it does not parse. */
class FunctionLinesTest {
    private static final String MODULE = """
            import functools

            LIMIT = 10


            def _log(fn):
                return fn


            @_log
            @functools.lru_cache
            def total(values):
                \"\"\"Adds them up.\"\"\"
                s = 0
                for v in values:

                    s += v
                return s


            def mean(values):
                return total(values) / len(values)
            """;
    private static PythonAnalyzer analyzer;

    @BeforeAll
    static void start() {
        analyzer = new PythonAnalyzer();
    }

    @AfterAll
    static void stop() {
        analyzer.close();
    }

    @Test
    void aFunctionRunsFromItsFirstDecoratorToItsLastLine() throws Exception {
        FunctionLines total = FunctionLines.of(review("total", MODULE, analyzer.analyze(MODULE))).orElseThrow();
        assertEquals(new FunctionLines(10, 18), total);
        String excerpt = total.excerpt(MODULE);
        assertTrue(excerpt.startsWith("@_log\n@functools.lru_cache\ndef total(values):"), excerpt);
        assertTrue(excerpt.endsWith("    return s"), excerpt);
        assertEquals(new FunctionLines(21, 22), FunctionLines.of(review("mean", MODULE, analyzer.analyze(MODULE)))
                .orElseThrow());
    }

    @Test
    void codeThatDoesNotParseIsCutAtTheNextLineAtTheMargin() throws Exception {
        String broken = MODULE.replace("return total(values) / len(values)", "return total(values / len(values)");
        CodeAnalysis analysis = analyzer.analyze(broken);
        assertTrue(!analysis.parses());
        // the def line as the line scan found it, the end where the indentation ends
        assertEquals(new FunctionLines(12, 18), FunctionLines.of(review("total", broken, analysis)).orElseThrow());
    }

    @Test
    void aFunctionTheCodeDoesNotDefineHasNoLines() throws Exception {
        assertEquals(Optional.empty(), FunctionLines.of(review("median", MODULE, analyzer.analyze(MODULE))));
        assertEquals(Optional.empty(), FunctionLines.of(review("total", null, null)));
    }

    private static Review review(String name, String code, CodeAnalysis analysis) {
        return new Review(new FunctionEntry(name, "stats", FunctionStatus.PENDING, 1, false, CallPolicy.AUTO, null,
                Effects.NONE, null), code, null, analysis, List.of(), "");
    }
}
