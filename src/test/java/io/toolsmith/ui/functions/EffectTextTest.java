package io.toolsmith.ui.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.toolsmith.functions.CallPolicy;
import io.toolsmith.functions.Effect;
import io.toolsmith.functions.Effects;
import io.toolsmith.functions.FunctionEntry;
import io.toolsmith.functions.FunctionStatus;
import org.junit.jupiter.api.Test;

/** The sentence saying what the sandbox enforces follows the approved effects, or what approving would grant. */
class EffectTextTest {

    private static FunctionEntry entry(FunctionStatus status, Effects derived, Effects approved, CallPolicy policy,
                                       boolean chosen) {
        return new FunctionEntry("f", "f", status, 1, false, policy, null, derived, approved, chosen);
    }

    @Test
    void anApprovedReaderRunsReadOnlyWithoutNetworkOrPrograms() {
        FunctionEntry reader = entry(FunctionStatus.APPROVED, Effects.of(Effect.READS_DATA),
                Effects.of(Effect.READS_DATA), CallPolicy.AUTO, false);
        assertEquals("Runs with the data folder read-only, no network and no other programs.",
                EffectText.enforcement(reader));
        assertEquals(PolicyChoice.DEFAULT, PolicyChoice.of(reader));
    }

    @Test
    void theApprovalsGrantCountsNotWhatTheCodeShowsNow() {
        FunctionEntry granted = entry(FunctionStatus.APPROVED, Effects.of(Effect.READS_DATA),
                Effects.of(Effect.READS_DATA, Effect.NETWORK), CallPolicy.ASK, true);
        assertEquals("Runs with the data folder read-only, network access and no other programs.",
                EffectText.enforcement(granted));
        assertEquals(PolicyChoice.ASK, PolicyChoice.of(granted));
        assertEquals("It asks you before every call, as you chose.", EffectText.policy(granted));
    }

    @Test
    void aPendingWriterSaysWhatApprovingWouldGrant() {
        FunctionEntry writer = entry(FunctionStatus.PENDING, Effects.of(Effect.WRITES_DATA, Effect.PROCESSES), null,
                CallPolicy.ASK, false);
        assertEquals("Once approved, runs with the data folder writable (Undo in the Data tab), no network and "
                + "other programs allowed.", EffectText.enforcement(writer));
        assertEquals("danger", EffectText.tone(Effect.PROCESSES));
        assertEquals("neutral", EffectText.tone(Effect.READS_DATA));
    }
}
