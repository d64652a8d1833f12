package io.toolsmith.ui.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.functions.Check;
import io.toolsmith.functions.CodeAnalysis;
import io.toolsmith.functions.Review;
import io.toolsmith.util.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The lines the Functions tab shows for one {@link Review}: the spec's parameters, responses, errors and examples,
 * and the checks as passed or failed sentences. A spec is the model's JSON, so every field may be missing or of
 * the wrong kind; missing ones read as empty. Pure.
 */
final class ReviewText {
    private ReviewText() {
    }

    /** A row of the parameter table. */
    record Parameter(String name, String type, boolean required, String description) {
    }

    /** A spec example: what a user might say, and the arguments it should produce (JSON). */
    record Example(String prompt, String arguments) {
    }

    /** One line of the checks ("defines record_expense", "line 3: uses requests (network)"). */
    record CheckLine(boolean passed, String text) {
    }

    static String description(Review review) {
        return review.spec() == null ? "" : review.spec().path("description").asText("");
    }

    static boolean importsNetwork(Review review) {
        return review.analysis() != null && review.analysis().network();
    }

    static List<Parameter> parameters(Review review) {
        ObjectNode spec = review.spec();
        List<Parameter> rows = new ArrayList<>();
        if (spec == null) {
            return rows;
        }
        JsonNode parameters = spec.path("parameters");
        Set<String> required = new HashSet<>();
        parameters.path("required").forEach(r -> required.add(r.asText()));
        parameters.path("properties").fields().forEachRemaining(p -> rows.add(new Parameter(
                p.getKey(), type(p.getValue()), required.contains(p.getKey()), p.getValue().path("description").asText(""))));
        return rows;
    }

    private static String type(JsonNode schema) {
        String type = schema.path("type").isArray() ? schema.path("type").toString() : schema.path("type").asText("any");
        return schema.has("format") ? type + " (" + schema.path("format").asText() + ")" : type;
    }

    static String responses(Review review) {
        ObjectNode spec = review.spec();
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

    static List<String> errors(Review review) {
        List<String> errors = new ArrayList<>();
        if (review.spec() != null) {
            review.spec().path("errors").forEach(e -> errors.add(e.path("name").asText("") + ": "
                    + e.path("description").asText("")));
        }
        return errors;
    }

    static List<Example> examples(Review review) {
        List<Example> examples = new ArrayList<>();
        if (review.spec() != null) {
            for (JsonNode e : review.spec().path("examples")) {
                JsonNode args = e.has("parameters") ? e.get("parameters") : e.path("arguments");
                examples.add(new Example(e.path("prompt").asText(""), Json.MAPPER.valueToTree(args).toString()));
            }
        }
        return examples;
    }

    static List<CheckLine> checks(Review review) {
        String name = review.entry().name();
        List<CheckLine> checks = new ArrayList<>();
        CodeAnalysis analysis = review.analysis();
        if (analysis != null) {
            if (analysis.parses()) {
                checks.add(new CheckLine(true, "the code parses"));
            }
            if (analysis.function(name).isPresent()) {
                checks.add(new CheckLine(true, "defines " + name));
            }
            for (CodeAnalysis.Risk risk : analysis.risks()) {
                checks.add(new CheckLine(false, "line " + risk.line() + ": uses " + risk.name() + " (" + risk.kind() + ")"));
            }
        } else {
            checks.add(new CheckLine(false, "no code yet: ask the model to write it"));
        }
        for (Check c : review.checks()) {
            String where = c.where() == null || c.where().isBlank() ? "" : c.where() + ": ";
            checks.add(new CheckLine(false, (c.severity() == Check.Severity.ERROR ? "" : "warning: ") + where + c.message()));
        }
        if (review.spec() != null && !review.hasErrors()) {
            checks.add(new CheckLine(true, "the spec is valid and matches the code"));
        }
        return checks;
    }
}
