package io.toolsmith.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test resources: the expense tracker code and specs, and the hand-written tool files. */
final class Fixtures {
    private Fixtures() {
    }

    static String text(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode spec(String function) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text("expenses/" + function + ".spec.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String expensesV1() {
        return text("expenses/expenses_v1.py");
    }

    static String expensesV2() {
        return text("expenses/expenses_v2.py");
    }
}
