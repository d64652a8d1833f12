package io.toolsmith.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.sandbox.Grant;
import io.toolsmith.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The approval names the effects it approved; effects beyond them are a change; old approvals still read; the
 * default policy and the sandbox grant follow the effects. Real files and the real analyzer.
 */
class EffectApprovalTest {
    private static PythonAnalyzer analyzer;

    @TempDir
    Path home;
    private FunctionLibrary library;
    private Path approvalFile;

    @BeforeAll
    static void startAnalyzer() {
        analyzer = new PythonAnalyzer();
    }

    @AfterAll
    static void stopAnalyzer() {
        analyzer.close();
    }

    @BeforeEach
    void library() throws Exception {
        library = new FunctionLibrary(home.resolve("functions"), analyzer);
        library.addCode(Fixtures.expensesV1());
        library.addSpec(Fixtures.spec("record_expense"));
        library.addSpec(Fixtures.spec("list_expenses"));
        approvalFile = home.resolve("functions/record_expense/approval.json");
    }

    @Test
    void theApprovalRecordNamesTheEffectsAndTheGrantFollowsThem() throws Exception {
        library.approve("list_expenses", false);
        library.approve("record_expense", false);

        ObjectNode record = (ObjectNode) Json.MAPPER.readTree(Files.readString(approvalFile));
        assertEquals("[\"reads_data\"]", record.at("/functions/list_expenses/effects").toString());
        assertEquals("[\"reads_data\",\"writes_data\"]", record.at("/functions/record_expense/effects").toString());

        CallPermit reader = library.permit("list_expenses");
        assertEquals(CallPermit.Kind.RUN, reader.kind());
        assertEquals(new Grant(false, false, false), reader.effects().grant());
        assertEquals(new Grant(true, false, false), library.permit("record_expense").effects().grant());
        assertEquals(Effects.of(Effect.READS_DATA), library.find("list_expenses").orElseThrow().effects());
    }

    @Test
    void effectsTheApprovalDidNotNameMakeTheFunctionChanged() throws Exception {
        library.approve("list_expenses", false);
        // As if approved when the checks saw less in the same code: the approval names no effects at all.
        ObjectNode record = (ObjectNode) Json.MAPPER.readTree(Files.readString(approvalFile));
        ((ObjectNode) record.at("/functions/list_expenses")).set("effects", Json.MAPPER.createArrayNode());
        Files.writeString(approvalFile, record.toString());

        assertEquals(FunctionStatus.CHANGED, library.find("list_expenses").orElseThrow().status());
        assertEquals(CallPermit.Kind.CHANGED, library.permit("list_expenses").kind());
        Review review = library.review("list_expenses");
        assertTrue(review.checks().stream().anyMatch(c -> c.message().contains("effects the approval did not name: "
                + "reads data")), review.checks().toString());

        library.approve("list_expenses", false);
        assertEquals(FunctionStatus.APPROVED, library.find("list_expenses").orElseThrow().status());
    }

    @Test
    void anApprovalMadeBeforeEffectsStillRunsWithTheEffectsOfItsCodeAndItsNetworkFlag() throws Exception {
        library.approve("record_expense", false);
        library.approve("list_expenses", true);
        ObjectNode record = (ObjectNode) Json.MAPPER.readTree(Files.readString(approvalFile));
        for (String name : new String[] {"record_expense", "list_expenses"}) {
            ((ObjectNode) record.at("/functions/" + name)).remove("effects");
        }
        Files.writeString(approvalFile, record.toString());

        assertEquals(FunctionStatus.APPROVED, library.find("record_expense").orElseThrow().status());
        assertEquals(new Grant(true, false, false), library.permit("record_expense").effects().grant());
        assertEquals(new Grant(false, true, false), library.permit("list_expenses").effects().grant(),
                "its old network grant is kept; it now reads with the data folder read-only");
        assertEquals(CallPolicy.ASK, library.find("list_expenses").orElseThrow().policy());
    }

    @Test
    void theDefaultPolicyAsksOnlyForNetworkAndProcessesAndTheUsersChoiceWins() throws Exception {
        library.addCode("import subprocess\ndef run_tool():\n    return subprocess.run(['true']).returncode\n");
        ObjectNode spec = (ObjectNode) Json.MAPPER.readTree("{\"name\": \"run_tool\", \"description\": \"Runs it.\","
                + " \"parameters\": {\"type\": \"object\", \"properties\": {}}, \"responses\": [{\"type\": \"integer\"}]}");
        library.addSpec(spec);
        library.approve("run_tool", false);
        library.approve("record_expense", false);

        assertEquals(CallPolicy.ASK, library.find("run_tool").orElseThrow().policy());
        CallPermit ask = library.permit("run_tool");
        assertEquals(CallPermit.Kind.ASK, ask.kind());
        assertTrue(ask.question().startsWith("Confirm this call: run_tool is approved"), ask.question());
        assertTrue(ask.question().contains("starts processes"), ask.question());
        assertTrue(ask.refusal().startsWith("The user refused to run run_tool this time: it is approved"), ask.refusal());
        assertEquals(CallPermit.Kind.RUN, library.permit("record_expense").kind(), "writes can be undone: no asking");

        library.setPolicy("run_tool", CallPolicy.AUTO);
        library.setPolicy("record_expense", CallPolicy.ASK);
        assertEquals(CallPermit.Kind.RUN, library.permit("run_tool").kind());
        assertEquals(CallPermit.Kind.ASK, library.permit("record_expense").kind());
    }

    @Test
    void anUnknownFunctionIsNamedAsSuchWithTheFunctionsThatExist() throws Exception {
        library.approve("list_expenses", false);
        CallPermit permit = library.permit("list_expense");
        assertEquals(CallPermit.Kind.UNKNOWN, permit.kind());
        assertNull(permit.effects());
        assertEquals("No function named list_expense exists, so nothing was run. The available functions are: "
                + "list_expenses.", permit.sentence());
    }

    @Test
    void aPendingFunctionShowsItsEffectsButHasNoApprovedOnes() throws Exception {
        FunctionEntry entry = library.find("record_expense").orElseThrow();
        assertEquals(FunctionStatus.PENDING, entry.status());
        assertEquals(Effects.of(Effect.READS_DATA, Effect.WRITES_DATA), entry.effects());
        assertNull(entry.approvedEffects());
        CallPermit permit = library.permit("record_expense");
        assertEquals(CallPermit.Kind.NOT_APPROVED, permit.kind());
        assertTrue(permit.question().contains("has not been approved"), permit.question());
        assertTrue(permit.question().contains("reads data, writes data"), permit.question());
        assertFalse(permit.refusal().contains("this time"), permit.refusal());
    }

    @Test
    void effectsGrantedByHandAreAddedToTheDerivedOnes() throws Exception {
        library.approve("list_expenses", Effects.of(Effect.WRITES_DATA, Effect.PROCESSES));
        assertEquals(Effects.of(Effect.READS_DATA, Effect.WRITES_DATA, Effect.PROCESSES),
                library.find("list_expenses").orElseThrow().approvedEffects());
        assertEquals(new Grant(true, false, true), library.permit("list_expenses").effects().grant());
        assertEquals(CallPolicy.ASK, library.find("list_expenses").orElseThrow().policy());
    }

    @Test
    void grantingTheNetworkByHandIsRecordedAsAnEffect() throws Exception {
        library.approve("list_expenses", true);
        ObjectNode record = (ObjectNode) Json.MAPPER.readTree(Files.readString(approvalFile));
        ArrayNode effects = (ArrayNode) record.at("/functions/list_expenses/effects");
        assertEquals("[\"reads_data\",\"network\"]", effects.toString());
        assertTrue(record.at("/functions/list_expenses/network").asBoolean(), "still readable by older versions");
        assertTrue(library.find("list_expenses").orElseThrow().network());
    }
}
