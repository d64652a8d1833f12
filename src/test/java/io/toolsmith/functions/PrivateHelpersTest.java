package io.toolsmith.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.functions.CallPermit.Kind;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Functions whose names start with '_' are Python's private helpers: never listed, offered or callable. */
class PrivateHelpersTest {
    private static final String CODE = "def _round(x):\n    return round(x, 2)\n\n"
            + "def add(a, b):\n    return _round(a + b)\n";
    private static PythonAnalyzer analyzer;

    @TempDir
    Path home;
    private FunctionLibrary library;

    @BeforeAll
    static void startAnalyzer() {
        analyzer = new PythonAnalyzer();
    }

    @AfterAll
    static void stopAnalyzer() {
        analyzer.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        library = new FunctionLibrary(home.resolve("functions"), analyzer);
        assertEquals(List.of("add"), library.addCode(CODE));
        library.addSpec(spec("add"));
    }

    private static ObjectNode spec(String name) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree("{\"name\": \"" + name + "\", \"description\": \"Adds.\", \"parameters\":"
                + " {\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"number\"}, \"b\": {\"type\": \"number\"}}},"
                + " \"responses\": []}");
    }

    @Test
    void aSpecForAPrivateHelperIsRefusedWithASentence() throws Exception {
        var e = assertThrows(UserFacingException.class, () -> library.addSpec(spec("_round")));
        assertEquals("The function spec was not stored: '_round' starts with '_', which marks a private helper in "
                + "Python; helpers are never offered to the model, so write specs only for public functions.",
                e.getMessage());
        assertEquals(List.of("add"), library.list().stream().map(FunctionEntry::name).toList());
        try (var files = Files.walk(home.resolve("functions"))) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("_round")));
        }
    }

    @Test
    void aHelperSpecAlreadyOnDiskIsNeitherListedNorCallable() throws Exception {
        Path module = home.resolve("functions/add");
        Files.writeString(module.resolve("_round.spec.json"), Json.MAPPER.writeValueAsString(spec("_round")));
        assertEquals(List.of("add"), library.list().stream().map(FunctionEntry::name).toList());
        assertTrue(library.find("_round").isEmpty());
        assertEquals(Kind.UNKNOWN, library.permit("_round").kind());
        var e = assertThrows(UserFacingException.class, () -> library.approve("_round", false));
        assertTrue(e.getMessage().startsWith("No function named _round exists"), e.getMessage());

        library.approve("add", false);
        assertEquals(List.of("add"), library.approvedSpecs().stream().map(s -> s.path("name").asText()).toList());
        assertTrue(library.review("add").checks().stream().noneMatch(c -> c.message().contains("_round")),
                "the helper is not reported as a function without a spec");
    }

    @Test
    void aSpecFileWhoseNameIsAHelperIsFlaggedAndNeverOffered() throws Exception {
        Path module = home.resolve("functions/add");
        Files.writeString(module.resolve("add.spec.json"), Json.MAPPER.writeValueAsString(spec("_round")));
        library.approve("add", false);
        assertEquals(List.of(), library.approvedSpecs(), "the model is never offered a helper's name");
        assertTrue(library.review("add").checks().contains(Check.error("/name", "'_round' starts with '_', which marks "
                + "a private helper in Python; helpers are never offered to the model, so write specs only for public "
                + "functions")), library.review("add").checks().toString());
    }
}
