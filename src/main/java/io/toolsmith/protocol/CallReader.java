package io.toolsmith.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the JSON of one call ({@code {"id", "function", "parameters"}}) into a runnable {@link FunctionCall}
 * or a {@link MalformedCall} whose problem sentence tells the model what to fix. Common near-misses are
 * repaired and noted rather than rejected: missing parameters, {@code arguments} for {@code parameters},
 * {@code name} for {@code function}, parameters given as a JSON string, a missing id.
 * Not thread-safe: one reader per reply, because it numbers the ids it has to invent.
 */
final class CallReader {
    private int generatedIds;

    /** The outcome for one call object: exactly one of the two is set. */
    record Outcome(FunctionCall call, MalformedCall malformed) {
    }

    Outcome read(JsonNode node, String blockLabel, CallSource source, List<String> jsonRepairs, String raw) {
        List<String> repairs = new ArrayList<>(jsonRepairs);
        if (!node.isObject()) {
            return malformed(null, null, "The " + blockLabel + " block must hold one JSON object with \"id\", "
                    + "\"function\" and \"parameters\", but it holds " + describe(node) + ".", raw);
        }
        JsonNode id = node.get("id");
        String function = text(node.get("function"));
        if (function == null && node.has("name") && (node.has("parameters") || node.has("arguments"))) {
            function = text(node.get("name"));
            if (function != null) {
                repairs.add("read \"name\" as \"function\"");
            }
        }
        JsonNode idOrNull = id != null && (id.isTextual() || id.isNumber()) ? id : null;
        if (function == null) {
            String problem = node.has("function")
                    ? "The " + blockLabel + " block's \"function\" field must be the function's name as a string."
                    : "The " + blockLabel + " block has no \"function\" field.";
            return malformed(idOrNull, null, problem + " Write {\"id\": …, \"function\": \"name\", \"parameters\": {…}}.",
                    raw);
        }
        JsonNode parameters = node.get("parameters");
        if (parameters == null && node.has("arguments")) {
            parameters = node.get("arguments");
            repairs.add("read \"arguments\" as \"parameters\"");
        }
        if (parameters != null && parameters.isTextual()) {
            parameters = parametersFromString(parameters, repairs);
        }
        ObjectNode arguments;
        if (parameters == null || parameters.isNull()) {
            arguments = JsonNodeFactory.instance.objectNode();
            repairs.add("used empty parameters because the call had none");
        } else if (parameters.isObject()) {
            arguments = (ObjectNode) parameters;
        } else {
            return malformed(idOrNull, function, "The \"parameters\" of the call to " + function + " must be a JSON "
                    + "object of named arguments, but it is " + describe(parameters) + ".", raw);
        }
        if (idOrNull == null) {
            idOrNull = JsonNodeFactory.instance.textNode("call_" + ++generatedIds);
            repairs.add(id == null ? "gave the call the id \"" + idOrNull.asText() + "\" because it had none"
                    : "replaced an id that was neither a string nor a number with \"" + idOrNull.asText() + "\"");
        }
        return new Outcome(new FunctionCall(idOrNull, function, arguments, source, repairs), null);
    }

    /** An id for a call that has none, different from every id in {@code taken}. */
    String newId(java.util.Collection<String> taken) {
        String id;
        do {
            id = "call_" + ++generatedIds;
        } while (taken.contains(id));
        return id;
    }

    /** A call read from elsewhere (tool_code) that carries no id of its own. */
    FunctionCall withNewId(String function, ObjectNode arguments, CallSource source, List<String> notes) {
        List<String> repairs = new ArrayList<>(notes);
        String id = "call_" + ++generatedIds;
        repairs.add("gave the call the id \"" + id + "\" because " + source.name().toLowerCase() + " calls carry none");
        return new FunctionCall(JsonNodeFactory.instance.textNode(id), function, arguments, source, repairs);
    }

    private static JsonNode parametersFromString(JsonNode parameters, List<String> repairs) {
        try {
            LenientJson.Repaired inner = LenientJson.parse(parameters.asText());
            if (inner.value().isObject()) {
                repairs.add("read parameters that were written as a JSON string");
                return inner.value();
            }
        } catch (LenientJsonException e) {
            // Not JSON inside the string: report the string itself as the wrong type below.
        }
        return parameters;
    }

    private static Outcome malformed(JsonNode id, String function, String problem, String raw) {
        return new Outcome(null, new MalformedCall(id, function, problem, raw));
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText().strip() : null;
    }

    static String describe(JsonNode node) {
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isNull()) {
            return "null";
        }
        return node.isObject() ? "an object" : "a " + node.getNodeType().name().toLowerCase();
    }
}
