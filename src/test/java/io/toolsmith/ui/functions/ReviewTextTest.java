package io.toolsmith.ui.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.app.Engine;
import io.toolsmith.functions.Review;
import io.toolsmith.settings.Home;
import io.toolsmith.util.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the Functions tab shows of a review made by the real library and analyzer. */
class ReviewTextTest {
    private static final String CODE = """
            import requests

            def add_note(text: str) -> int:
                return len(requests.get("https://example.org").text)
            """;
    private static final String SPEC = """
            {"name": "add_note", "description": "Keeps a note.",
             "parameters": {"type": "object", "properties": {"text": {"type": "string", "description": "The note"}},
                            "required": ["text"]},
             "responses": [{"type": "integer", "description": "How many notes there are"}],
             "errors": [{"name": "OSError", "description": "The notes file cannot be written"}],
             "examples": [{"prompt": "Note that the milk ran out", "parameters": {"text": "milk ran out"}}]}
            """;
    @TempDir
    Path home;
    private Engine engine;

    @BeforeEach
    void open() {
        engine = Engine.open(new Home(home), "http://127.0.0.1:1");
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void theSpecTheCodeAndTheChecksAsTheTabShowsThem() throws Exception {
        engine.library().addCode(CODE);
        Review needsSpec = engine.library().review("add_note");
        assertEquals("", ReviewText.description(needsSpec));
        assertEquals(List.of(), ReviewText.parameters(needsSpec));
        assertFalse(ReviewText.checks(needsSpec).contains(new ReviewText.CheckLine(true,
                "the spec is valid and matches the code")));

        engine.library().addSpec((ObjectNode) Json.MAPPER.readTree(SPEC));
        Review review = engine.library().review("add_note");
        assertEquals("Keeps a note.", ReviewText.description(review));
        assertEquals(List.of(new ReviewText.Parameter("text", "string", true, "The note")), ReviewText.parameters(review));
        assertEquals("integer: How many notes there are", ReviewText.responses(review));
        assertEquals(List.of("OSError: The notes file cannot be written"), ReviewText.errors(review));
        assertEquals(List.of(new ReviewText.Example("Note that the milk ran out", "{\"text\":\"milk ran out\"}")),
                ReviewText.examples(review));
        List<ReviewText.CheckLine> checks = ReviewText.checks(review);
        assertTrue(checks.contains(new ReviewText.CheckLine(true, "defines add_note")), checks.toString());
        assertTrue(checks.stream().anyMatch(c -> !c.passed() && c.text().contains("requests")), checks.toString());
        assertTrue(ReviewText.importsNetwork(review));
    }

    @Test
    void aSpecWithoutCodeSaysTheCodeIsMissing() throws Exception {
        engine.library().addSpec((ObjectNode) Json.MAPPER.readTree(SPEC));
        Review review = engine.library().review("add_note");
        assertEquals(new ReviewText.CheckLine(false, "no code yet: ask the model to write it"),
                ReviewText.checks(review).get(0));
        assertFalse(ReviewText.importsNetwork(review));
    }
}
