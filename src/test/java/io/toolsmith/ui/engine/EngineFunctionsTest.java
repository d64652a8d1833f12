package io.toolsmith.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.app.Engine;
import io.toolsmith.settings.Home;
import io.toolsmith.ui.functions.ExampleResult;
import io.toolsmith.ui.functions.FunctionEntry;
import io.toolsmith.ui.functions.FunctionStatus;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Functions tab's seam over the real library, analyzer and (for examples) a scratch sandbox. */
class EngineFunctionsTest {
    private static final String CODE = """
            import pickle
            from pathlib import Path

            def add_note(text: str) -> int:
                path = Path.home() / "data" / "notes.pkl"
                notes = pickle.loads(path.read_bytes()) if path.exists() else []
                notes.append(text)
                path.write_bytes(pickle.dumps(notes))
                return len(notes)
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
    private EngineFunctions functions;
    private final AtomicInteger changes = new AtomicInteger();

    @BeforeEach
    void open() {
        engine = Engine.open(new Home(home), "http://127.0.0.1:1");
        ChangeSignal signal = new ChangeSignal();
        functions = new EngineFunctions(engine, signal);
        functions.onChange(changes::incrementAndGet);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void entriesCarryTheSpecTheCodeAndTheChecks() throws Exception {
        engine.library().addCode(CODE);
        FunctionEntry needsSpec = functions.list().get(0);
        assertEquals(FunctionStatus.NEEDS_SPEC, needsSpec.status());
        assertTrue(needsSpec.code().contains("def add_note"));

        engine.library().addSpec((ObjectNode) Json.MAPPER.readTree(SPEC));
        FunctionEntry entry = functions.list().get(0);
        assertEquals("add_note", entry.id());
        assertEquals(FunctionStatus.PENDING, entry.status());
        assertEquals("Keeps a note.", entry.description());
        assertEquals(List.of(new FunctionEntry.Parameter("text", "string", true, "The note")), entry.parameters());
        assertEquals("integer: How many notes there are", entry.responses());
        assertEquals(List.of("OSError: The notes file cannot be written"), entry.errors());
        assertEquals("{\"text\":\"milk ran out\"}", entry.examples().get(0).arguments());
        assertTrue(entry.checks().contains(new FunctionEntry.Check(true, "defines add_note")), entry.checks().toString());
        assertFalse(entry.importsNetwork());
        assertEquals("", entry.diff());
    }

    @Test
    void approveRejectAndRevokeChangeTheLibraryAndAnnounceIt() throws Exception {
        engine.library().addCode(CODE);
        engine.library().addSpec((ObjectNode) Json.MAPPER.readTree(SPEC));
        functions.approve("add_note", false);
        assertEquals(FunctionStatus.APPROVED, functions.list().get(0).status());
        functions.revoke("add_note");
        assertEquals(FunctionStatus.PENDING, functions.list().get(0).status());
        functions.reject("add_note");
        assertEquals(FunctionStatus.REJECTED, functions.list().get(0).status());
        assertEquals(3, changes.get());

        engine.library().addCode(CODE.replace("return len(notes)", "return len(notes) * 1"));
        functions.approve("add_note", false);
        engine.library().addCode(CODE.replace("return len(notes)", "return len(notes) + 0"));
        FunctionEntry changed = functions.list().get(0);
        assertEquals(FunctionStatus.CHANGED, changed.status());
        assertTrue(changed.diff().contains("-    return len(notes) * 1"), changed.diff());
        assertTrue(changed.diff().contains("+    return len(notes) + 0"), changed.diff());
    }

    @Test
    void examplesRunOnACopyOfTheDataAndTheRealFolderIsUntouched() throws Exception {
        engine.library().addCode(CODE);
        engine.library().addSpec((ObjectNode) Json.MAPPER.readTree(SPEC));
        List<ExampleResult> results = functions.tryExamples("add_note");
        assertEquals(List.of(new ExampleResult("Note that the milk ran out", true, "1")), results);
        assertFalse(Files.exists(engine.dataFolder().resolve("notes.pkl")));
        UserFacingException unknown = assertThrows(UserFacingException.class, () -> functions.tryExamples("nothing"));
        assertFalse(unknown.getMessage().isBlank());
    }

    @Test
    void askForSpecHandsTheSentenceToTheChat() {
        List<String> asked = new CopyOnWriteArrayList<>();
        functions.setAskInChat(asked::add);
        functions.askForSpec("add_note");
        assertEquals(List.of("Write the function_spec for add_note."), asked);
    }
}
