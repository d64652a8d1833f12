package io.toolsmith.ui.chat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code function_call} block the model wrote, for display only (the engine's parser
 * decides what runs), and formats a call the way a Python programmer reads it:
 * {@code record_expense(category="Travel", amount=300.0, …)}. Pure; any thread.
 */
public final class CallText {
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final int MAX_ARGS = 4;
    private static final int MAX_VALUE = 40;

    private CallText() {
    }

    /** What the card needs from a call block. */
    public record WrittenCall(String id, String function, Map<String, Object> arguments) {
    }

    /** The call in a block, tolerating a missing closing brace; empty when it cannot be read. */
    public static Optional<WrittenCall> read(String literal) {
        for (String candidate : List.of(literal, literal + "}", literal + "}}")) {
            try {
                JsonNode node = LENIENT.readTree(candidate);
                if (node != null && node.isObject()) {
                    return Optional.of(toCall(node));
                }
            } catch (Exception e) {
                // try the next repair; a block that never parses is shown as code
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static WrittenCall toCall(JsonNode node) {
        String id = node.path("id").asText("");
        String name = node.hasNonNull("name") ? node.get("name").asText() : node.path("function").asText("");
        JsonNode args = node.has("arguments") ? node.get("arguments") : node.path("parameters");
        Map<String, Object> arguments = args.isObject()
                ? LENIENT.convertValue(args, LinkedHashMap.class) : new LinkedHashMap<>();
        return new WrittenCall(id, name, arguments);
    }

    public static String signature(String function, Map<String, Object> arguments) {
        StringBuilder sb = new StringBuilder(function == null || function.isBlank() ? "?" : function).append('(');
        int i = 0;
        for (Map.Entry<String, Object> e : arguments.entrySet()) {
            if (i == MAX_ARGS) {
                sb.append(", …");
                break;
            }
            if (i++ > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append('=').append(python(e.getValue()));
        }
        return sb.append(')').toString();
    }

    private static String python(Object value) {
        String s;
        if (value == null) {
            s = "None";
        } else if (value instanceof Boolean b) {
            s = b ? "True" : "False";
        } else if (value instanceof CharSequence text) {
            s = "\"" + text.toString().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        } else if (value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof java.math.BigDecimal || value instanceof java.math.BigInteger) {
            s = value.toString();
        } else {
            try {
                s = LENIENT.writeValueAsString(value);
            } catch (Exception e) {
                s = String.valueOf(value);
            }
        }
        return s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE - 1) + "…" : s;
    }

    /** Arguments as indented JSON, for the decision prompt. */
    public static String prettyArguments(Map<String, Object> arguments) {
        try {
            return LENIENT.writerWithDefaultPrettyPrinter().writeValueAsString(arguments);
        } catch (Exception e) {
            return String.valueOf(arguments);
        }
    }

    /**
     * A result or other JSON text as indented JSON, one member a line, so a long result reads down the
     * box instead of running off its edge on one line; text that is not a JSON object or array is kept.
     */
    public static String prettyJson(String text) {
        if (text == null || text.isBlank()) {
            return text;
        }
        try {
            JsonNode node = LENIENT.readTree(text);
            return node != null && node.isContainerNode()
                    ? LENIENT.writerWithDefaultPrettyPrinter().writeValueAsString(node) : text;
        } catch (Exception e) {
            return text;
        }
    }
}
