package io.toolsmith.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.toolsmith.functions.Check;
import io.toolsmith.functions.CodeAnalysis;
import io.toolsmith.functions.Effect;
import io.toolsmith.functions.FunctionEntry;
import io.toolsmith.functions.Review;
import io.toolsmith.util.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code toolsmith functions show NAME}: what the user reviews before approving. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a function's effects, spec, code, checks and, when it changed, the diff against the "
                + "approved version.")
final class FunctionsShowCommand implements Callable<Integer> {

    @ParentCommand
    FunctionsCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The function's name.")
    String name;

    @Override
    public Integer call() throws Exception {
        Review review = parent.withLibrary((library, analyzer) -> library.review(name));
        PrintWriter out = spec.commandLine().getOut();
        FunctionEntry e = review.entry();
        out.printf("%s (module %s, version %d): %s; network %s; policy %s%n", e.name(), e.module(), e.version(),
                e.status().label(), e.network() ? "granted" : "not granted", e.policy().label());
        out.println();
        printEffects(out, review);
        out.println();
        out.println("== Spec");
        out.println(review.spec() == null ? "(none yet)"
                : Json.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(review.spec()));
        out.println();
        out.println("== Code");
        if (review.code() == null) {
            out.println("(none yet)");
        } else {
            String[] lines = review.code().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (i < lines.length - 1 || !lines[i].isEmpty()) {
                    out.printf("%4d  %s%n", i + 1, lines[i]);
                }
            }
        }
        out.println();
        out.println("== Checks");
        if (review.checks().isEmpty()) {
            out.println("No problems found.");
        }
        for (Check check : review.checks()) {
            out.println("  " + check);
        }
        if (!review.diff().isEmpty()) {
            out.println();
            out.println("== Changes since the approved version");
            out.print(review.diff());
        }
        out.flush();
        return 0;
    }

    /** What the code may do, with the lines that show it; and, when approved, what the approval lets it do. */
    private static void printEffects(PrintWriter out, Review review) {
        FunctionEntry e = review.entry();
        out.println("== Effects: " + e.effects().labels());
        if (review.analysis() != null) {
            // One line per place in the code, naming every effect found there.
            Map<String, List<String>> byPlace = new LinkedHashMap<>();
            var reasons = review.analysis().effectsOf(e.name()).reasons().stream()
                    .sorted(java.util.Comparator.comparingInt(CodeAnalysis.EffectReason::line)).toList();
            for (var reason : reasons) {
                String place = (reason.line() > 0 ? "line " + reason.line() + ": " : "") + reason.what();
                byPlace.computeIfAbsent(place, k -> new ArrayList<>()).add(reason.effect().label());
            }
            byPlace.forEach((place, effects) -> out.println("  " + String.join(", ", effects) + " - " + place));
        }
        if (e.approvedEffects() != null) {
            out.println("Approved to: " + e.approvedEffects().labels()
                    + (e.approvedEffects().has(Effect.WRITES_DATA) ? "" : " (runs with the data folder read-only)"));
        }
    }
}
