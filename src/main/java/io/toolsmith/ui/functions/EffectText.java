package io.toolsmith.ui.functions;

import io.toolsmith.functions.Effect;
import io.toolsmith.functions.Effects;
import io.toolsmith.functions.FunctionEntry;
import io.toolsmith.functions.FunctionStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Functions tab says about a function's effects: a badge tone per effect, and the sentence saying what
 * the sandbox enforces for its calls (docs/decisions/0012-function-effects.md). Pure.
 */
final class EffectText {
    private EffectText() {
    }

    /** Effects that can be undone or only read are quiet; what leaves the sandbox's reach stands out. */
    static String tone(Effect effect) {
        return switch (effect) {
            case READS_DATA -> "neutral";
            case WRITES_DATA, RUNS_AT_LOAD -> "warning";
            case NETWORK, PROCESSES -> "danger";
        };
    }

    /** The effects calls may have: the approved ones while approved, else what an approval would grant now. */
    static Effects shown(FunctionEntry entry) {
        return entry.status() == FunctionStatus.APPROVED && entry.approvedEffects() != null
                ? entry.approvedEffects() : entry.effects();
    }

    /** "Runs with the data folder read-only, no network and no other programs." */
    static String enforcement(FunctionEntry entry) {
        Effects effects = shown(entry);
        List<String> parts = new ArrayList<>();
        parts.add(effects.has(Effect.WRITES_DATA) ? "the data folder writable (Undo in the Data tab)"
                : "the data folder read-only");
        parts.add(effects.has(Effect.NETWORK) ? "network access" : "no network");
        parts.add(effects.has(Effect.PROCESSES) ? "other programs allowed" : "no other programs");
        String list = parts.get(0) + ", " + parts.get(1) + " and " + parts.get(2);
        String runs = switch (entry.status()) {
            case APPROVED -> "Runs with ";
            case PENDING, CHANGED -> "Once approved, runs with ";
            default -> "Would run with ";
        };
        return runs + list + ".";
    }

    /** What the policy does for this function, for the switch's tooltip and the detail. */
    static String policy(FunctionEntry entry) {
        String when = entry.policy() == io.toolsmith.functions.CallPolicy.ASK ? "asks you before every call"
                : "runs when the model calls it";
        return entry.policyChosen() ? "It " + when + ", as you chose."
                : "It " + when + ", the default for what it may do (functions that may use the network or start "
                + "programs ask).";
    }
}
