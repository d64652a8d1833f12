package io.toolsmith.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.app.Engine;
import io.toolsmith.settings.Home;
import io.toolsmith.functions.ExampleRunner;
import io.toolsmith.functions.FunctionStatus;
import io.toolsmith.functions.Review;
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
    void open() throws Exception {
        engine = Engine.open(new Home(home), "http://127.0.0.1:1");
        // These tests count the announced changes: no run of examples may start (and announce its end) by itself.
        engine.settingsStore().update(s -> s.withRunExamplesOnChange(false));
        ChangeSignal signal = new ChangeSignal();
        functions = new EngineFunctions(engine, signal);
        functions.onChange(changes::incrementAndGet);
    }

    @AfterEach
    void close() {
        functions.close();
        engine.close();
    }

    @Test
    void theListIsTheLibrarysOwnReviews() throws Exception {
        engine.library().addCode(CODE);
        Review needsSpec = functions.list().get(0);
        assertEquals(FunctionStatus.NEEDS_SPEC, needsSpec.entry().status());
        assertTrue(needsSpec.code().contains("def add_note"));

        engine.library().addSpec((ObjectNode) Json.MAPPER.readTree(SPEC));
        assertEquals(List.of(engine.library().review("add_note")), functions.list());
    }

    @Test
    void approveRejectAndRevokeChangeTheLibraryAndAnnounceIt() throws Exception {
        engine.library().addCode(CODE);
        engine.library().addSpec((ObjectNode) Json.MAPPER.readTree(SPEC));
        functions.approve("add_note", false);
        assertEquals(FunctionStatus.APPROVED, functions.list().get(0).entry().status());
        functions.revoke("add_note");
        assertEquals(FunctionStatus.PENDING, functions.list().get(0).entry().status());
        functions.reject("add_note");
        assertEquals(FunctionStatus.REJECTED, functions.list().get(0).entry().status());
        assertEquals(3, changes.get());

        engine.library().addCode(CODE.replace("return len(notes)", "return len(notes) * 1"));
        functions.approve("add_note", false);
        engine.library().addCode(CODE.replace("return len(notes)", "return len(notes) + 0"));
        Review changed = functions.list().get(0);
        assertEquals(FunctionStatus.CHANGED, changed.entry().status());
        assertTrue(changed.diff().contains("-    return len(notes) * 1"), changed.diff());
        assertTrue(changed.diff().contains("+    return len(notes) + 0"), changed.diff());
    }

    @Test
    void examplesRunOnACopyOfTheDataAndTheRealFolderIsUntouched() throws Exception {
        engine.library().addCode(CODE);
        engine.library().addSpec((ObjectNode) Json.MAPPER.readTree(SPEC));
        ExampleRunner.Trial trial = functions.tryExamples("add_note");
        assertEquals(1, trial.runs().size());
        assertEquals("Note that the milk ran out", trial.runs().get(0).prompt());
        assertTrue(trial.runs().get(0).result().ok(), trial.runs().get(0).result().toString());
        assertEquals("1", trial.runs().get(0).result().result().toString());
        assertEquals(List.of(), trial.skipped());
        assertFalse(Files.exists(engine.dataFolder().resolve("notes.pkl")));
        UserFacingException unknown = assertThrows(UserFacingException.class, () -> functions.tryExamples("nothing"));
        assertFalse(unknown.getMessage().isBlank());
    }

    @Test
    void examplesSayWhatTheCopyOfTheDataLeftOut() throws Exception {
        engine.library().addCode(CODE);
        engine.library().addSpec((ObjectNode) Json.MAPPER.readTree(SPEC));
        Files.createDirectories(engine.dataFolder());
        Files.createSymbolicLink(engine.dataFolder().resolve("elsewhere.pkl"), Path.of("/etc/hostname"));
        ExampleRunner.Trial trial = functions.tryExamples("add_note");
        assertTrue(trial.runs().get(0).result().ok(), trial.runs().get(0).result().toString());
        assertEquals(1, trial.skipped().size(), trial.skipped().toString());
        assertTrue(trial.skipped().get(0).endsWith("elsewhere.pkl is a link to /etc/hostname; the copy the examples ran on"
                + " leaves it out."), trial.skipped().get(0));
        assertTrue(Files.isSymbolicLink(engine.dataFolder().resolve("elsewhere.pkl")), "the real folder is untouched");
    }

    @Test
    void askForSpecHandsTheSentenceToTheChat() {
        List<String> asked = new CopyOnWriteArrayList<>();
        functions.setAskInChat(asked::add);
        functions.askForSpec("add_note");
        assertEquals(List.of("Write the function_spec for add_note."), asked);
    }
}
