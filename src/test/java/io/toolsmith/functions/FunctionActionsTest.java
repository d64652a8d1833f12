package io.toolsmith.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status → actions table, every status against every action, with the expected answer written out. */
class FunctionActionsTest {
    private static final boolean Y = true;
    private static final boolean N = false;

    /**
     * One row per kind of function. Columns: APPROVE, REJECT, REVOKE, TRY_EXAMPLES, ASK_FOR_SPEC, DELETE, RUN_ONCE,
     * APPROVE_AND_RUN, ROLLBACK, SET_POLICY (the order of {@link FunctionAction}).
     */
    static Stream<Arguments> table() {
        return Stream.of(
                //                                 code spec   APPR REJ REVK TRY ASK DEL ONCE A&R ROLL POL
                row(FunctionStatus.NEEDS_SPEC, Y, N, N, Y, N, N, Y, Y, Y, N, Y, N),
                row(FunctionStatus.NEEDS_CODE, N, Y, N, Y, N, N, N, Y, N, N, N, N),
                row(FunctionStatus.NEEDS_CODE, N, N, N, Y, N, N, N, Y, N, N, N, N),
                row(FunctionStatus.PENDING, Y, Y, Y, Y, N, Y, N, Y, Y, Y, Y, N),
                row(FunctionStatus.CHANGED, Y, Y, Y, Y, N, Y, N, Y, N, N, Y, N),
                row(FunctionStatus.APPROVED, Y, Y, N, N, Y, Y, N, Y, Y, N, Y, Y),
                row(FunctionStatus.REJECTED, Y, Y, Y, N, Y, N, N, Y, N, N, Y, N),
                // A rejected function without a spec (or without code) has nothing to approve.
                row(FunctionStatus.REJECTED, Y, N, N, N, Y, N, N, Y, N, N, Y, N),
                row(FunctionStatus.REJECTED, N, Y, N, N, Y, N, N, Y, N, N, N, N),
                row(FunctionStatus.REJECTED, N, N, N, N, Y, N, N, Y, N, N, N, N));
    }

    private static Arguments row(FunctionStatus status, boolean code, boolean spec, boolean... allowed) {
        FunctionAction[] actions = FunctionAction.values();
        assertEquals(actions.length, allowed.length, "one answer per action");
        Set<FunctionAction> expected = EnumSet.noneOf(FunctionAction.class);
        for (int i = 0; i < actions.length; i++) {
            if (allowed[i]) {
                expected.add(actions[i]);
            }
        }
        return Arguments.of(status, code, spec, expected);
    }

    @ParameterizedTest(name = "{0} code={1} spec={2}")
    @MethodSource("table")
    void eachStatusAllowsExactlyItsActions(FunctionStatus status, boolean code, boolean spec, Set<FunctionAction> expected) {
        assertEquals(expected, FunctionActions.allowed(status, code, spec));
    }

    @Test
    void theTableCoversEveryStatus() {
        Set<FunctionStatus> covered = EnumSet.noneOf(FunctionStatus.class);
        table().forEach(a -> covered.add((FunctionStatus) a.get()[0]));
        assertEquals(EnumSet.allOf(FunctionStatus.class), covered);
    }

    @Test
    void onlyPendingAndChangedWaitForReview() {
        List<FunctionStatus> waiting = new ArrayList<>();
        for (FunctionStatus status : FunctionStatus.values()) {
            if (FunctionActions.awaitsReview(status)) {
                waiting.add(status);
            }
        }
        assertEquals(List.of(FunctionStatus.PENDING, FunctionStatus.CHANGED), waiting);
    }

    @Test
    void theLibraryAnswersForItsFunctionsFromTheirFiles(@TempDir Path dir) throws Exception {
        try (PythonAnalyzer analyzer = new PythonAnalyzer()) {
            FunctionLibrary library = new FunctionLibrary(dir.resolve("functions"), analyzer);
            library.addSpec((ObjectNode) Json.MAPPER.readTree("{\"name\": \"summarize\", \"description\": \"Summarizes.\","
                    + " \"parameters\": {\"type\": \"object\", \"properties\": {}}}"));
            assertEquals(FunctionStatus.NEEDS_CODE, library.find("summarize").orElseThrow().status());
            assertEquals(EnumSet.of(FunctionAction.REJECT, FunctionAction.DELETE), library.actions("summarize"));
            library.reject("summarize");
            assertEquals(EnumSet.of(FunctionAction.REVOKE, FunctionAction.DELETE), library.actions("summarize"),
                    "rejected without code: no Approve");
            assertTrue(library.actions("nothing").isEmpty());
        }
    }
}
