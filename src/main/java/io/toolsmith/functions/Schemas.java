package io.toolsmith.functions;

import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.util.Locale;

/**
 * The JSON Schema factory for specs and arguments. Specs are written by the model, so a {@code $ref} to a URL
 * or a file is refused instead of fetched: validating must not touch the network or read the user's files.
 */
public final class Schemas {
    private Schemas() {
    }

    public static JsonSchemaFactory factory() {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder.schemaLoaders(
                loaders -> loaders.add(iri -> {
                    String text = iri.toString().toLowerCase(Locale.ROOT);
                    if (text.startsWith("classpath:") || text.startsWith("resource:")) {
                        return null; // the validator's own meta-schemas
                    }
                    return () -> {
                        throw new IOException("schemas are not loaded from " + iri);
                    };
                })));
    }
}
