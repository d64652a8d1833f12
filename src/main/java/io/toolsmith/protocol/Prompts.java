package io.toolsmith.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The built-in instruction prompts, read from the class path ({@code /prompts/…}), and the rendering of
 * function specs as the blocks the prompts describe. Settings may hold edited copies; {@link #insertSchema}
 * applies to those too.
 */
public final class Prompts {
    public static final String SCHEMA_PLACEHOLDER = "{{function_schema}}";

    private Prompts() {
    }

    public static String functionCalling() {
        return resource("/prompts/function-calling.md");
    }

    /** The function-writing prompt with the function spec schema inserted. */
    public static String functionWriting() {
        return insertSchema(resource("/prompts/function-writing.md"));
    }

    public static String functionSchema() {
        return resource("/schemas/function.schema.json").strip();
    }

    /**
     * Puts the schema in place of {@link #SCHEMA_PLACEHOLDER}, written on one line and without the file's own
     * {@code $schema}, {@code title} and {@code description}, which tell the model nothing about a spec: the
     * instructions are sent with every request of every chat.
     */
    public static String insertSchema(String template) {
        return template.replace(SCHEMA_PLACEHOLDER, compactSchema());
    }

    static String compactSchema() {
        try {
            ObjectNode schema = (ObjectNode) Json.MAPPER.readTree(functionSchema());
            schema.remove(List.of("$schema", "title", "description"));
            return schema.toString();
        } catch (IOException e) {
            // Packaged with the application; a schema that does not parse means a broken build, not a user error.
            throw new IllegalStateException("The function schema packaged with the application is not JSON.", e);
        }
    }

    /** Specs as function_spec blocks separated by blank lines, ready to send to the model. */
    public static String specsBlock(List<? extends JsonNode> specs) {
        return specs.stream()
                .map(spec -> "```function_spec\n" + PrettyJson.write(spec) + "\n```")
                .collect(Collectors.joining("\n\n"));
    }

    private static String resource(String path) {
        try (InputStream in = Prompts.class.getResourceAsStream(path)) {
            if (in == null) {
                // Packaged with the application; absence means a broken build, not a user error.
                throw new IllegalStateException("The resource " + path + " is missing from the application.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the resource " + path, e);
        }
    }
}
