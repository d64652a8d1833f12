package io.toolsmith.ui.functions;

import static io.toolsmith.ui.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.ui.common.BackgroundExecutor;
import io.toolsmith.ui.common.UiExecutor;
import io.toolsmith.ui.fakes.FakeFunctionCatalog;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FunctionReviewViewModelTest {
    private final FakeFunctionCatalog catalog = new FakeFunctionCatalog();
    private final BackgroundExecutor background = new BackgroundExecutor("test", 1, UiExecutor.sameThread());
    private final FunctionReviewViewModel model = new FunctionReviewViewModel(catalog, background, UiExecutor.sameThread());

    @AfterEach
    void close() {
        model.close();
        background.close();
    }

    @Test
    void countsPendingSelectsItAndApproveUpdatesTheList() {
        model.reload();
        waitFor(() -> model.functions().size() == 2);
        assertEquals(1, model.awaitingReviewCount().get());
        assertEquals("record_expense", model.selectedProperty().get().name());
        model.allowNetworkProperty().set(true); // ignored: this code imports no network module
        model.approve();
        waitFor(() -> model.awaitingReviewCount().get() == 0);
        assertEquals(List.of("expenses.record_expense"), catalog.approvals);
        assertEquals(FunctionStatus.APPROVED, model.selectedProperty().get().status());
    }

    @Test
    void theNetworkDefaultSettingPreticksTheChoice() {
        model.reload();
        waitFor(() -> model.functions().size() == 2);
        model.selectedProperty().set(model.functions().get(1));
        assertFalse(model.allowNetworkProperty().get());
        catalog.networkByDefault = true;
        model.selectedProperty().set(model.functions().get(0));
        assertTrue(model.allowNetworkProperty().get());
    }

    @Test
    void networkIsGrantedOnlyWhenAskedForCodeThatUsesIt() {
        model.reload();
        waitFor(() -> model.functions().size() == 2);
        model.selectedProperty().set(model.functions().get(1));
        model.revoke();
        waitFor(() -> model.awaitingReviewCount().get() == 2);
        model.allowNetworkProperty().set(true);
        model.approve();
        waitFor(() -> catalog.approvals.size() == 1);
        assertEquals(List.of("weather.fetch+network"), catalog.approvals);
    }

    @Test
    void aChangeInTheLibraryReloadsAndExamplesShowTheirResults() {
        model.reload();
        waitFor(() -> model.functions().size() == 2);
        catalog.add(new FunctionEntry("notes.add", "notes", "add_note", FunctionStatus.NEEDS_SPEC, "", List.of(), "",
                List.of(), List.of(), "def add_note(text):\n    pass\n", null, List.of(), false));
        waitFor(() -> model.functions().size() == 3);
        model.tryExamples();
        waitFor(() -> !model.exampleResults().isEmpty());
        assertEquals("{\"count\": 1}", model.exampleResults().get(0).output());
    }

    @Test
    void deleteTakesTheFunctionOutAndUndeleteSelectsItAgain() {
        model.reload();
        waitFor(() -> model.functions().size() == 2);
        model.selectedProperty().set(model.functions().get(0));
        java.util.concurrent.atomic.AtomicReference<String> said = new java.util.concurrent.atomic.AtomicReference<>();
        model.delete(said::set);
        waitFor(() -> said.get() != null);
        assertEquals("Deleted record_expense.", said.get());
        assertEquals(List.of("fetch_weather"), model.functions().stream().map(FunctionEntry::name).toList());
        assertEquals("fetch_weather", model.selectedProperty().get().name());

        model.undelete("expenses.record_expense");
        waitFor(() -> model.functions().size() == 2);
        assertEquals("record_expense", model.selectedProperty().get().name());
    }
}
