package io.toolsmith.ui.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.functions.FunctionAction;
import io.toolsmith.functions.FunctionStatus;
import io.toolsmith.functions.FunctionVersion;
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
    void aSearchWithNoMatchSaysSoAndTheDetailShowsNothing() {
        model.reload();
        assertNotNull(model.selectedProperty().get());
        model.searchProperty().set("zebra");
        assertTrue(model.shownFunctions().isEmpty());
        assertEquals("No function matches \u201czebra\u201d.", model.emptyListText().get());
        assertEquals(null, model.selectedProperty().get(), "the detail does not keep a function the list hides");
        model.statusFilterProperty().set(StatusFilter.APPROVED);
        assertEquals("No function under \u201cApproved\u201d matches \u201czebra\u201d.", model.emptyListText().get());
        model.searchProperty().set("record");
        assertFalse(model.emptyListText().get().startsWith("No functions yet"));
        model.searchProperty().set("");
        model.statusFilterProperty().set(StatusFilter.ALL);
        assertEquals(2, model.shownFunctions().size());
    }

    @Test
    void anEmptyLibrarySaysHowFunctionsCome() {
        assertTrue(model.functions().isEmpty());
        assertTrue(model.emptyListText().get().startsWith("No functions yet. Ask the model"));
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
        assertEquals(List.of("record_expense"), model.recentlyDeleted(), "it can be brought back after the notice");

        model.undelete("record_expense");
        assertEquals(2, model.functions().size());
        assertEquals("record_expense", model.selectedProperty().get().entry().name());
        assertEquals(List.of(), model.recentlyDeleted());
    }

    @Test
    void thePolicySwitchSetsTheLibrarysPolicyOnlyWhenTheUserChangesIt() {
        model.reload();
        model.selectedProperty().set(model.functions().get(1));
        assertEquals(PolicyChoice.DEFAULT, model.policyChoiceProperty().get());
        assertTrue(model.allows(FunctionAction.SET_POLICY).get(), "an approved function has a policy to set");
        model.selectedProperty().set(model.functions().get(0));
        assertFalse(model.allows(FunctionAction.SET_POLICY).get(), "a pending function has none yet");
        assertEquals(List.of(), catalog.policies, "showing a function sets nothing");

        model.selectedProperty().set(model.functions().get(1));
        model.policyChoiceProperty().set(PolicyChoice.ASK);
        assertEquals(List.of("fetch_weather=ask"), catalog.policies);
        assertEquals(PolicyChoice.ASK, PolicyChoice.of(model.selectedProperty().get().entry()));
        model.policyChoiceProperty().set(PolicyChoice.DEFAULT);
        assertEquals(List.of("fetch_weather=ask", "fetch_weather=default"), catalog.policies);
        assertEquals(PolicyChoice.DEFAULT, model.policyChoiceProperty().get());
    }

    @Test
    void searchAndTheStatusFilterNarrowTheList() {
        model.reload();
        assertEquals(2, model.shownFunctions().size());
        model.searchProperty().set("WEATHER");
        assertEquals(List.of("fetch_weather"), model.shownFunctions().stream().map(FunctionReviewViewModel::id).toList());
        model.searchProperty().set("record an expense");
        assertEquals(2, model.shownFunctions().size(), "both specs share the description searched for");
        model.searchProperty().set("");
        model.statusFilterProperty().set(StatusFilter.AWAITING_REVIEW);
        assertEquals(List.of("record_expense"), model.shownFunctions().stream().map(FunctionReviewViewModel::id).toList());
        model.statusFilterProperty().set(StatusFilter.REJECTED);
        assertTrue(model.shownFunctions().isEmpty());
        model.statusFilterProperty().set(StatusFilter.ALL);
        assertEquals(2, model.shownFunctions().size());
        assertEquals(2, model.functions().size(), "filtering hides, it does not remove");
    }

    @Test
    void versionsShowTheDiffOfTheNewestOlderOneAndRollBackAsksFirst() {
        model.reload();
        model.selectedProperty().set(model.functions().get(0));
        FunctionVersionsModel versions = model.versions();
        assertEquals(2, versions.versions().size());
        assertEquals(1, versions.chosenProperty().get().number(), "the newest version that is not current");
        assertTrue(versions.diffProperty().get().contains("+    return 1"), versions.diffProperty().get());

        versions.askToRollBack();
        assertTrue(versions.confirmingProperty().get());
        versions.cancelRollBack();
        assertFalse(versions.confirmingProperty().get());
        assertTrue(versions.versions().get(1).current(), "cancel changes nothing");

        versions.askToRollBack();
        versions.confirmRollBack();
        assertEquals("Rolled back record_expense to version 1.", model.noticeProperty().get());
        assertTrue(versions.versions().get(0).current(), "the list is read again after the rollback");
        assertEquals(2, versions.chosenProperty().get().number());
        versions.versions().stream().filter(FunctionVersion::current).findFirst().ifPresent(current -> {
            versions.chosenProperty().set(current);
            versions.askToRollBack();
        });
        assertFalse(versions.confirmingProperty().get(), "the current version is not offered for rollback");
        assertEquals("", versions.diffProperty().get());
    }

    @Test
    void tryWithExamplesNeedsExamplesAndItsResultsAndErrorsClearOnAnotherFunction() {
        model.reload();
        model.selectedProperty().set(model.functions().get(0));
        assertTrue(model.canTryExamples().get());
        model.tryExamples();
        assertNotNull(model.trialProperty().get());
        model.noticeProperty().set("The examples could not run.");
        model.reload();
        assertNotNull(model.trialProperty().get(), "a reload of the same function keeps what Try showed");

        model.selectedProperty().set(model.functions().get(1));
        assertEquals(null, model.trialProperty().get());
        assertEquals(null, model.noticeProperty().get());

        catalog.add(FakeFunctionCatalog.review("notes", "add_note", FunctionStatus.PENDING,
                "def add_note(text):\n    pass\n", false));
        model.selectedProperty().set(model.functions().get(2));
        assertTrue(model.allows(FunctionAction.TRY_EXAMPLES).get());
        assertFalse(model.canTryExamples().get(), "no spec, so no examples to try");
    }

    @Test
    void aRunningTryOffersCancelInsteadOfTryAndEachFunctionShowsItsOwnLatestRun() {
        model.reload();
        model.selectedProperty().set(model.functions().get(0));
        catalog.examplesWait = true;
        model.tryExamples();
        assertTrue(model.examplesRunning().get());
        assertFalse(model.canTryExamples().get(), "one run per function at a time");
        assertEquals("Running the examples on a copy of the data…", model.exampleRunText().get());
        assertEquals(null, model.trialProperty().get());

        model.cancelExamples();
        assertFalse(model.examplesRunning().get());
        assertTrue(model.canTryExamples().get());
        assertTrue(model.exampleRunText().get().startsWith("Cancelled: the examples were stopped"),
                model.exampleRunText().get());
        assertEquals(null, model.trialProperty().get());

        // A run of another function (as a change starts one) shows when that function is selected, not before.
        catalog.startExamples("fetch_weather");
        assertTrue(model.exampleRunText().get().startsWith("Cancelled"), "the selected function's run still shows");
        catalog.finishExamples("fetch_weather");
        model.selectedProperty().set(model.functions().get(1));
        assertFalse(model.examplesRunning().get());
        assertNotNull(model.trialProperty().get());
        assertEquals("", model.exampleRunText().get(), "a finished Try says it all with its results");
        model.selectedProperty().set(model.functions().get(0));
        assertTrue(model.exampleRunText().get().startsWith("Cancelled"));
    }
}
