package io.toolsmith.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Validates a function spec against {@code schemas/function.schema.json}; problems are named by JSON pointer. */
public final class SpecValidator {
    private final JsonSchema schema;

    public SpecValidator() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
        try (InputStream in = SpecValidator.class.getResourceAsStream("/schemas/function.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("schemas/function.schema.json is missing from the application");
            }
            schema = Schemas.factory().getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Thread-safe: the compiled schema is immutable. */
    public List<Check> validate(JsonNode spec) {
        List<Check> checks = new ArrayList<>(schema.validate(spec).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage))
                .map(SpecValidator::toCheck)
                .toList());
        String name = spec.path("name").asText("");
        if (isPrivate(name)) {
            checks.add(0, Check.error("/name", privateName(name)));
        }
        return checks;
    }

    /**
     * Python marks helpers that are not part of a module's interface with a leading underscore; such functions
     * are never listed, offered to the model or callable, so a spec for one is refused.
     */
    public static boolean isPrivate(String functionName) {
        return functionName.startsWith("_");
    }

    /** Why a spec for a private helper is not used, as a phrase. */
    static String privateName(String functionName) {
        return "'" + functionName + "' starts with '_', which marks a private helper in Python; helpers are never "
                + "offered to the model, so write specs only for public functions";
    }

    private static Check toCheck(ValidationMessage m) {
        String pointer = m.getInstanceLocation().toString();
        String where = pointer.isEmpty() ? "/" : pointer;
        String message = switch (m.getType()) {
            case "required" -> "required property '" + m.getProperty() + "' is missing";
            case "type" -> "expected " + arg(m, 1) + ", got " + arg(m, 0);
            default -> stripLocation(m.getMessage(), pointer);
        };
        return Check.error(where, message);
    }

    static String arg(ValidationMessage m, int i) {
        Object[] args = m.getArguments();
        return args != null && args.length > i ? String.valueOf(args[i]) : "?";
    }

    static String stripLocation(String message, String pointer) {
        String prefix = pointer + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
