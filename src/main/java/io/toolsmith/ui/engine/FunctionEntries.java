package io.toolsmith.ui.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.functions.Check;
import io.toolsmith.functions.CodeAnalysis;
import io.toolsmith.functions.Review;
import io.toolsmith.ui.functions.FunctionEntry;
import io.toolsmith.ui.functions.FunctionStatus;
import io.toolsmith.util.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Shapes one function's review (code, spec, analysis, checks) as the review panel's entry. Pure. */
final class FunctionEntries {
    private FunctionEntries() {
    }

    static FunctionEntry of(Review review) {
        var entry = review.entry();
        ObjectNode spec = review.spec();
        CodeAnalysis analysis = review.analysis();
        return new FunctionEntry(entry.name(), entry.module(), entry.name(), status(entry.status()),
                spec == null ? "" : spec.path("description").asText(""), parameters(spec), responses(spec),
                errors(spec), examples(spec), review.code() == null ? "" : review.code(),
                review.diff() == null ? "" : review.diff(),
                checks(entry.name(), review), analysis != null && analysis.network());
    }

    static FunctionStatus status(io.toolsmith.functions.FunctionStatus status) {
        return switch (status) {
            case NEEDS_SPEC -> FunctionStatus.NEEDS_SPEC;
            case NEEDS_CODE -> FunctionStatus.NEEDS_CODE;
            case PENDING -> FunctionStatus.PENDING;
            case APPROVED -> FunctionStatus.APPROVED;
            case REJECTED -> FunctionStatus.REJECTED;
            case CHANGED -> FunctionStatus.CHANGED;
        };
    }

    private static List<FunctionEntry.Parameter> parameters(ObjectNode spec) {
        List<FunctionEntry.Parameter> rows = new ArrayList<>();
        if (spec == null) {
            return rows;
        }
        JsonNode parameters = spec.path("parameters");
        Set<String> required = new HashSet<>();
        parameters.path("required").forEach(r -> required.add(r.asText()));
        parameters.path("properties").fields().forEachRemaining(p -> rows.add(new FunctionEntry.Parameter(
                p.getKey(), type(p.getValue()), required.contains(p.getKey()), p.getValue().path("description").asText(""))));
        return rows;
    }

    private static String type(JsonNode schema) {
        String type = schema.path("type").isArray() ? schema.path("type").toString() : schema.path("type").asText("any");
        return schema.has("format") ? type + " (" + schema.path("format").asText() + ")" : type;
    }

    private static String responses(ObjectNode spec) {
        if (spec == null || !spec.has("responses")) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode r : spec.path("responses")) {
            String type = r.path("type").asText("");
            String description = r.path("description").asText("");
            lines.add(type.isEmpty() ? description : description.isEmpty() ? type : type + ": " + description);
        }
        return String.join("\n", lines);
    }

    private static List<String> errors(ObjectNode spec) {
        List<String> errors = new ArrayList<>();
        if (spec != null) {
            spec.path("errors").forEach(e -> errors.add(e.path("name").asText("") + ": " + e.path("description").asText("")));
        }
        return errors;
    }

    private static List<FunctionEntry.Example> examples(ObjectNode spec) {
        List<FunctionEntry.Example> examples = new ArrayList<>();
        if (spec != null) {
            for (JsonNode e : spec.path("examples")) {
                JsonNode args = e.has("parameters") ? e.get("parameters") : e.path("arguments");
                examples.add(new FunctionEntry.Example(e.path("prompt").asText(""), Json.MAPPER.valueToTree(args).toString()));
            }
        }
        return examples;
    }

    private static List<FunctionEntry.Check> checks(String name, Review review) {
        List<FunctionEntry.Check> checks = new ArrayList<>();
        CodeAnalysis analysis = review.analysis();
        if (analysis != null) {
            if (analysis.parses()) {
                checks.add(new FunctionEntry.Check(true, "the code parses"));
            }
            if (analysis.function(name).isPresent()) {
                checks.add(new FunctionEntry.Check(true, "defines " + name));
            }
            for (CodeAnalysis.Risk risk : analysis.risks()) {
                checks.add(new FunctionEntry.Check(false, "line " + risk.line() + ": uses " + risk.name()
                        + " (" + risk.kind() + ")"));
            }
        } else {
            checks.add(new FunctionEntry.Check(false, "no code yet: ask the model to write it"));
        }
        for (Check c : review.checks()) {
            String where = c.where() == null || c.where().isBlank() ? "" : c.where() + ": ";
            checks.add(new FunctionEntry.Check(false, (c.severity() == Check.Severity.ERROR ? "" : "warning: ")
                    + where + c.message()));
        }
        if (review.spec() != null && review.checks().stream().noneMatch(c -> c.severity() == Check.Severity.ERROR)) {
            checks.add(new FunctionEntry.Check(true, "the spec is valid and matches the code"));
        }
        return checks;
    }
}
