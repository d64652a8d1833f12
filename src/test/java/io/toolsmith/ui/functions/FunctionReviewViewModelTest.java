package io.toolsmith.ui.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.ui.common.DirectBackgroundExecutor;
import io.toolsmith.ui.common.UiExecutor;
import io.toolsmith.ui.fakes.FakeFunctionCatalog;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Catalog commands run on the test's thread (same-thread executors), so each outcome is there on the next line. */
class FunctionReviewViewModelTest {
    private final FakeFunctionCatalog catalog = new FakeFunctionCatalog();
    private final FunctionReviewViewModel model =
            new FunctionReviewViewModel(catalog, new DirectBackgroundExecutor(), UiExecutor.sameThread());

    @AfterEach
    void close() {
        model.close();
    }

    @Test
    void countsPendingSelectsItAndApproveUpdatesTheList() {
        model.reload();
        assertEquals(2, model.functions().size());
        assertEquals(1, model.awaitingReviewCount().get());
        assertEquals("record_expense", model.selectedProperty().get().name());
        model.allowNetworkProperty().set(true); // ignored: this code imports no network module
        model.approve();
        assertEquals(0, model.awaitingReviewCount().get());
        assertEquals(List.of("expenses.record_expense"), catalog.approvals);
        assertEquals(FunctionStatus.APPROVED, model.selectedProperty().get().status());
    }

    @Test
    void theNetworkDefaultSettingPreticksTheChoice() {
        model.reload();
        assertEquals(2, model.functions().size());
        model.selectedProperty().set(model.functions().get(1));
        assertFalse(model.allowNetworkProperty().get());
        catalog.networkByDefault = true;
        model.selectedProperty().set(model.functions().get(0));
        assertTrue(model.allowNetworkProperty().get());
    }

    @Test
    void networkIsGrantedOnlyWhenAskedForCodeThatUsesIt() {
        model.reload();
        assertEquals(2, model.functions().size());
        model.selectedProperty().set(model.functions().get(1));
        model.revoke();
        assertEquals(2, model.awaitingReviewCount().get());
        model.allowNetworkProperty().set(true);
        model.approve();
        assertEquals(List.of("weather.fetch+network"), catalog.approvals);
    }

    @Test
    void aChangeInTheLibraryReloadsAndExamplesShowTheirResults() {
        model.reload();
        assertEquals(2, model.functions().size());
        catalog.add(new FunctionEntry("notes.add", "notes", "add_note", FunctionStatus.NEEDS_SPEC, "", List.of(), "",
                List.of(), List.of(), "def add_note(text):\n    pass\n", null, List.of(), false));
        assertEquals(3, model.functions().size());
        model.tryExamples();
        assertEquals(List.of("{\"count\": 1}"), model.exampleResults().stream().map(ExampleResult::output).toList());
    }

    @Test
    void deleteTakesTheFunctionOutAndUndeleteSelectsItAgain() {
        model.reload();
        assertEquals(2, model.functions().size());
        model.selectedProperty().set(model.functions().get(0));
        java.util.concurrent.atomic.AtomicReference<String> said = new java.util.concurrent.atomic.AtomicReference<>();
        model.delete(said::set);
        assertEquals("Deleted record_expense.", said.get());
        assertEquals(List.of("fetch_weather"), model.functions().stream().map(FunctionEntry::name).toList());
        assertEquals("fetch_weather", model.selectedProperty().get().name());

        model.undelete("expenses.record_expense");
        assertEquals(2, model.functions().size());
        assertEquals("record_expense", model.selectedProperty().get().name());
    }
}
