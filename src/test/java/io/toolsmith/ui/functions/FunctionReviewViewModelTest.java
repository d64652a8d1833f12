package io.toolsmith.ui.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.functions.FunctionAction;
import io.toolsmith.functions.FunctionStatus;
import io.toolsmith.functions.Review;
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
        assertEquals("record_expense", model.selectedProperty().get().entry().name());
        model.allowNetworkProperty().set(true); // ignored: this code imports no network module
        model.approve();
        assertEquals(0, model.awaitingReviewCount().get());
        assertEquals(List.of("record_expense"), catalog.approvals);
        assertEquals(FunctionStatus.APPROVED, model.selectedProperty().get().entry().status());
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
        assertEquals(1, catalog.approvals.size());
        assertEquals(List.of("fetch_weather+network"), catalog.approvals);
    }

    @Test
    void aChangeInTheLibraryReloadsAndExamplesShowTheirResultsAndWhatTheCopyLeftOut() {
        model.reload();
        assertEquals(2, model.functions().size());
        catalog.add(FakeFunctionCatalog.review("notes", "add_note", FunctionStatus.NEEDS_SPEC,
                "def add_note(text):\n    pass\n", false));
        assertEquals(3, model.functions().size());
        catalog.skipped = List.of("link.pkl is a link to /etc/passwd; the copy the examples ran on leaves it out.");
        model.tryExamples();
        assertNotNull(model.trialProperty().get());
        assertEquals("{\"count\":1}", model.trialProperty().get().runs().get(0).result().result().toString());
        assertEquals(catalog.skipped, model.trialProperty().get().skipped());
    }

    @Test
    void theButtonsFollowTheEnginesActionsNotTheStatusAlone() {
        Review rejectedWithoutSpec = FakeFunctionCatalog.review("notes", "add_note", FunctionStatus.REJECTED,
                "def add_note(text):\n    pass\n", false);
        model.selectedProperty().set(rejectedWithoutSpec);
        assertFalse(model.allows(FunctionAction.APPROVE).get(), "nothing to approve without a spec");
        assertTrue(model.allows(FunctionAction.REVOKE).get());
        assertFalse(model.offersNetwork().get());
        model.selectedProperty().set(FakeFunctionCatalog.review("notes", "add_note", FunctionStatus.REJECTED,
                "def add_note(text):\n    pass\n", true));
        assertTrue(model.allows(FunctionAction.APPROVE).get(), "a complete rejected function can still be approved");
        model.selectedProperty().set(FakeFunctionCatalog.review("web", "fetch", FunctionStatus.PENDING,
                "import requests\ndef fetch(url):\n    return requests.get(url).text\n", true));
        assertTrue(model.offersNetwork().get(), "code that uses the network offers the choice when it can be approved");
        model.selectedProperty().set(FakeFunctionCatalog.review("sum", "summarize", FunctionStatus.NEEDS_CODE, null, true));
        assertFalse(model.allows(FunctionAction.APPROVE).get());
        assertFalse(model.allows(FunctionAction.TRY_EXAMPLES).get());
        assertTrue(model.allows(FunctionAction.REJECT).get());
        assertTrue(model.allows(FunctionAction.DELETE).get());
    }

    @Test
    void deleteTakesTheFunctionOutAndUndeleteSelectsItAgain() {
        model.reload();
        assertEquals(2, model.functions().size());
        model.selectedProperty().set(model.functions().get(0));
        java.util.concurrent.atomic.AtomicReference<String> said = new java.util.concurrent.atomic.AtomicReference<>();
        model.delete(said::set);
        assertEquals("Deleted record_expense.", said.get());
        assertEquals(List.of("fetch_weather"), model.functions().stream().map(FunctionReviewViewModel::id).toList());
        assertEquals("fetch_weather", model.selectedProperty().get().entry().name());

        model.undelete("record_expense");
        assertEquals(2, model.functions().size());
        assertEquals("record_expense", model.selectedProperty().get().entry().name());
    }
}
