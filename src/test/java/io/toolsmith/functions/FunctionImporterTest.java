package io.toolsmith.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-written tool files become pending functions with specs derived from hints and docstrings. */
class FunctionImporterTest {
    private static PythonAnalyzer analyzer;

    @TempDir
    Path home;
    private FunctionLibrary library;
    private FunctionImporter importer;

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
        importer = new FunctionImporter(library, analyzer);
    }

    private Path tool(String name) throws Exception {
        Path file = home.resolve(name);
        Files.writeString(file, Fixtures.text("tools/" + name));
        return file;
    }

    private ObjectNode spec(String function) {
        return library.find(function).orElseThrow().spec();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void googleStyleWithTypeHints() throws Exception {
        assertEquals(List.of("add_note", "search_notes", "delete_note"), importer.importFile(tool("notes.py")));
        for (FunctionEntry entry : library.list()) {
            assertEquals(FunctionStatus.PENDING, entry.status(), entry.name());
            assertEquals("add_note", entry.module());
        }
        assertFalse(library.find("_load").isPresent(), "private helpers are not offered");

        ObjectNode add = spec("add_note");
        assertEquals("Adds a note to the notebook. The note gets an id and the time it was written.",
                add.path("description").asText());
        JsonNode props = add.at("/parameters/properties");
        assertEquals(List.of("title", "body"), strings(add.at("/parameters/required")));
        assertEquals("string", props.at("/title/type").asText());
        assertEquals("The text of the note. It may span several lines.", props.at("/body/description").asText());
        assertEquals("array", props.at("/tags/type").asText());
        assertEquals("string", props.at("/tags/items/type").asText());
        assertEquals(List.of("low", "normal", "high"), strings(props.at("/priority/enum")));
        assertEquals("normal", props.at("/priority/default").asText());
        assertEquals("object", add.at("/responses/0/type").asText());

        ObjectNode search = spec("search_notes");
        assertEquals(List.of("query"), strings(search.at("/parameters/required")), "Optional[str] and defaults");
        assertEquals("integer", search.at("/parameters/properties/limit/type").asText());
        assertEquals("string", search.at("/parameters/properties/tag/type").asText());
        assertEquals("object", search.at("/responses/0/items/type").asText());
        Review searchReview = library.review("search_notes");
        assertTrue(searchReview.checks().stream().anyMatch(c -> c.severity() == Check.Severity.WARNING
                && c.message().startsWith("'tag' may be None but has no default")), searchReview.checks().toString());

        ObjectNode delete = spec("delete_note");
        assertEquals("NoteNotFoundError", delete.at("/errors/0/name").asText());
        assertEquals("If no note has this id.", delete.at("/errors/0/description").asText());

        Review review = library.review("add_note");
        assertFalse(review.hasErrors(), review.checks().toString());
    }

    @Test
    void numpyStyle() throws Exception {
        importer.importFile(tool("units.py"));
        ObjectNode convert = spec("convert_temperature");
        assertEquals(List.of("value", "from_unit", "to_unit"), strings(convert.at("/parameters/required")));
        assertEquals("number", convert.at("/parameters/properties/value/type").asText());
        assertEquals("The temperature to convert.", convert.at("/parameters/properties/value/description").asText());
        assertEquals(List.of("C", "F", "K"), strings(convert.at("/parameters/properties/to_unit/enum")));
        assertEquals("number", convert.at("/responses/0/type").asText());
        assertEquals("The converted temperature, rounded to two decimals.",
                convert.at("/responses/0/description").asText());
        assertEquals("UnknownUnitError", convert.at("/errors/0/name").asText());

        ObjectNode average = spec("average");
        assertEquals(List.of("values"), strings(average.at("/parameters/required")));
        assertEquals("number", average.at("/parameters/properties/values/items/type").asText());
        assertEquals("array", average.at("/parameters/properties/weights/type").asText(), "type from the docstring");
        assertEquals("number", average.at("/parameters/properties/weights/items/type").asText());
        assertEquals("The weighted mean.", average.at("/responses/0/description").asText());
    }

    @Test
    void restStyleWithoutTypeHints() throws Exception {
        importer.importFile(tool("habits.py"));
        ObjectNode log = spec("log_habit");
        JsonNode props = log.at("/parameters/properties");
        assertEquals(List.of("habit"), strings(log.at("/parameters/required")));
        assertEquals("string", props.at("/habit/type").asText());
        assertEquals("boolean", props.at("/done/type").asText());
        assertTrue(props.at("/done/default").asBoolean());
        assertEquals("string", props.at("/note/type").asText());
        assertEquals("Anything to remember about today.", props.at("/note/description").asText());
        assertEquals("integer", log.at("/responses/0/type").asText());
        assertEquals("ValueError", log.at("/errors/0/name").asText());
    }

    @Test
    void derivedSpecsPassTheSchemaAndTheSpecCodeChecks() throws Exception {
        for (String file : List.of("notes.py", "units.py", "habits.py")) {
            importer.importFile(tool(file));
        }
        assertEquals(6, library.list().size());
        for (FunctionEntry entry : library.list()) {
            Review review = library.review(entry.name());
            assertTrue(review.checks().stream().noneMatch(c -> c.severity() == Check.Severity.ERROR),
                    entry.name() + ": " + review.checks());
        }
        library.approve("convert_temperature", false);
        assertEquals(CallPermit.Kind.RUN, library.permit("convert_temperature").kind());
    }

    @Test
    void brokenOrEmptyFilesAreRefusedWithASentence() throws Exception {
        Path broken = home.resolve("broken.py");
        Files.writeString(broken, "def f(:\n    pass\n");
        var e = assertThrows(UserFacingException.class, () -> importer.importFile(broken));
        assertTrue(e.getMessage().contains("syntax error at line 1"), e.getMessage());
        assertThrows(UserFacingException.class, () -> importer.importFile(home.resolve("missing.py")));
        Path empty = home.resolve("empty.py");
        Files.writeString(empty, "X = 1\n");
        assertThrows(UserFacingException.class, () -> importer.importFile(empty));
        assertTrue(library.list().isEmpty());
        assertEquals(Json.MAPPER.createArrayNode(), Json.MAPPER.valueToTree(library.approvedSpecs()));
    }
}
