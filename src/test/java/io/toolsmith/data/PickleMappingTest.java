package io.toolsmith.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every type and protocol 0–5: python3 writes the pickle and, with its own implementation of the mapping
 * (resources data/pyjson_cases.py), the JSON expected; {@code toolsmith inspect --json} must say the same.
 */
class PickleMappingTest {
    /** Ints are written in decimal up to 4,215 digits; Jackson reads 1,000 unless told otherwise. */
    static final ObjectMapper LONG_NUMBERS = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(5000).build()).build());
    @TempDir
    static Path dir;

    @BeforeAll
    static void writeCases() throws Exception {
        Python.script("pyjson_cases.py", dir.toString());
    }

    @TestFactory
    Stream<DynamicTest> inspectJsonMatchesPython() throws Exception {
        List<Path> pickles;
        try (Stream<Path> files = Files.list(dir)) {
            pickles = files.filter(f -> f.toString().endsWith(".pkl")).sorted().toList();
        }
        assertTrue(pickles.size() > 70, "python3 wrote the cases");
        return pickles.stream().map(pkl -> DynamicTest.dynamicTest(pkl.getFileName().toString(), () -> {
            Path expectedFile = Path.of(pkl.toString().replace(".pkl", ".json"));
            JsonNode expected = normalize(LONG_NUMBERS.readTree(expectedFile.toFile()));
            Python.Result r = Python.cli("inspect", pkl.toString(), "--json");
            assertEquals(0, r.exitCode(), r.err());
            JsonNode actual = normalize(LONG_NUMBERS.readTree(r.out()));
            assertEquals(expected, actual);
        }));
    }

    /** Sets have no order Python promises to keep across a load, so their items are compared sorted. */
    static JsonNode normalize(JsonNode node) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            it.forEachRemaining(fields::add);
            for (Map.Entry<String, JsonNode> e : fields) {
                JsonNode v = normalize(e.getValue());
                if ((e.getKey().equals("$set") || e.getKey().equals("$frozenset")) && v instanceof ArrayNode a) {
                    List<JsonNode> items = new ArrayList<>();
                    a.forEach(items::add);
                    items.sort(Comparator.comparing(JsonNode::toString));
                    ArrayNode sorted = Json.MAPPER.createArrayNode();
                    items.forEach(sorted::add);
                    v = sorted;
                }
                o.set(e.getKey(), v);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, normalize(a.get(i)));
            }
        }
        return node;
    }
}
