package io.toolsmith.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.ValidationMessage;
import io.toolsmith.protocol.Nesting;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Checks a call's arguments against the spec's {@code parameters} JSON Schema before anything runs.
 * A violation comes back as one sentence for the model naming each parameter and rule, e.g.
 * "amount: expected number, got string". Thread-safe and stateless apart from the immutable factory.
 */
public final class ArgumentValidator {
    private final JsonSchemaFactory factory = Schemas.factory();
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER).formatAssertionsEnabled(true).build();

    /** Validates against the spec only: names not among the spec's properties are refused. */
    public Optional<String> validate(ObjectNode spec, JsonNode arguments) {
        return validate(spec, arguments, null);
    }

    /**
     * @param signature parameter names of the code's signature, or null when unknown; arguments must be
     *                  named both in the spec and in the signature
     * @return empty when the call may run, else the sentence explaining why it was not run
     */
    public Optional<String> validate(ObjectNode spec, JsonNode arguments, Collection<String> signature) {
        String function = spec.path("name").asText("the function");
        if (arguments == null || arguments.isNull() || arguments.isMissingNode()) {
            arguments = spec.objectNode();
        }
        if (!arguments.isObject()) {
            return refuse(function, List.of("the arguments must be a JSON object of named parameters"));
        }
        if (Nesting.exceedsLimit(arguments)) {
            // Checked before the schema validator, which walks the arguments recursively.
            return Optional.of(Nesting.argumentsTooDeep(function));
        }
        List<String> problems = new ArrayList<>();
        JsonNode properties = spec.path("parameters").path("properties");
        TreeSet<String> known = new TreeSet<>();
        properties.fieldNames().forEachRemaining(known::add);
        if (signature != null) {
            known.retainAll(signature);
        }
        arguments.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.add(name + ": no such parameter" + (known.isEmpty() ? " (" + function + " takes none)"
                        : " (" + function + " takes " + String.join(", ", known) + ")"));
            }
        });
        JsonNode parameters = spec.path("parameters");
        if (parameters.isObject()) {
            try {
                JsonSchema schema = factory.getSchema(parameters, config);
                schema.validate(arguments).stream()
                        .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString()))
                        .map(ArgumentValidator::sentence).filter(s -> s != null).forEach(problems::add);
            } catch (RuntimeException e) {
                problems.add("the spec's parameters are not a usable JSON Schema (" + e.getMessage() + ")");
            }
        }
        return problems.isEmpty() ? Optional.empty() : refuse(function, problems);
    }

    private static Optional<String> refuse(String function, List<String> problems) {
        return Optional.of("The call to " + function + " was not run because its arguments are invalid: "
                + String.join("; ", problems) + ".");
    }

    private static String sentence(ValidationMessage m) {
        String pointer = m.getInstanceLocation().toString();
        String parameter = pointer.startsWith("/") ? pointer.substring(1).replace('/', '.') : pointer;
        return switch (m.getType()) {
            case "required" -> m.getProperty() + ": required parameter is missing";
            case "additionalProperties" -> null; // reported above as "no such parameter"
            case "type" -> parameter + ": expected " + SpecValidator.arg(m, 1) + ", got " + SpecValidator.arg(m, 0);
            case "enum" -> parameter + ": must be one of " + SpecValidator.arg(m, 0);
            default -> (parameter.isEmpty() ? "" : parameter + ": ")
                    + SpecValidator.stripLocation(m.getMessage(), pointer);
        };
    }
}
