package io.toolsmith.ui;

import static io.toolsmith.ui.RealApp.typeAndPressEnter;
import static io.toolsmith.ui.RealApp.waitUntil;
import static io.toolsmith.ui.testing.Input.click;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.app.Engine;
import io.toolsmith.functions.Review;
import io.toolsmith.settings.Home;
import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.testing.TestPython;
import io.toolsmith.ui.chat.ChatState;
import io.toolsmith.ui.testing.WindowTestExtension;
import io.toolsmith.ui.window.ConnectionState;
import io.toolsmith.util.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * Try with examples in the Functions tab, with the real engine and sandbox: each example's arguments, expected
 * against got, pass or fail, an error in place, and the data it changed, opening to the records; a function whose
 * examples all pass shows as tested; another function's selection clears the results. A new version from the model
 * runs the examples by itself, and Cancel or Esc stops a run at once. Only the model is scripted.
 */
@ExtendWith(WindowTestExtension.class)
class ExampleResultsWindowTest {
    static final String CODE = "import os, pickle\n\n"
            + "class EmptyTextError(Exception):\n    pass\n\n"
            + "def _entries():\n"
            + "    path = os.path.expanduser('~/data/log.pkl')\n"
            + "    if not os.path.exists(path):\n        return []\n"
            + "    with open(path, 'rb') as f:\n        return pickle.load(f)\n\n"
            + "def add_entry(text):\n"
            + "    if not text:\n        raise EmptyTextError('The text is empty.')\n"
            + "    entries = _entries() + [{'text': text}]\n"
            + "    with open(os.path.expanduser('~/data/log.pkl'), 'wb') as f:\n        pickle.dump(entries, f)\n"
            + "    return len(entries)\n\n"
            + "def count_entries():\n"
            + "    return len(_entries())\n";
    static final String ADD = "{\"name\": \"add_entry\", \"description\": \"Adds an entry to the log.\","
            + " \"parameters\": {\"type\": \"object\", \"properties\": {\"text\": {\"type\": \"string\"}},"
            + " \"required\": [\"text\"]}, \"responses\": [{\"type\": \"integer\"}], \"examples\": ["
            + "{\"prompt\": \"Log tea\", \"parameters\": {\"text\": \"tea\"}, \"expected\": 2},"
            + "{\"prompt\": \"Log coffee\", \"parameters\": {\"text\": \"coffee\"}, \"expected\": 3},"
            + "{\"prompt\": \"Log nothing\", \"parameters\": {\"text\": \"\"}, \"expected_error\": \"EmptyTextError\"}]}";
    static final String COUNT = "{\"name\": \"count_entries\", \"description\": \"Counts the entries.\","
            + " \"parameters\": {\"type\": \"object\", \"properties\": {}}, \"responses\": [{\"type\": \"integer\"}],"
            + " \"examples\": [{\"prompt\": \"How many entries?\", \"parameters\": {}, \"expected\": 1}]}";

    /** Its one example sleeps far longer than the sandbox's timeout: only a cancel ends it as "cancelled". */
    static final String NAP = "import time\n\ndef nap(seconds):\n    time.sleep(seconds)\n    return seconds\n";
    static final String NAP_SPEC = "{\"name\": \"nap\", \"description\": \"Sleeps.\", \"parameters\": {\"type\":"
            + " \"object\", \"properties\": {\"seconds\": {\"type\": \"integer\"}}, \"required\": [\"seconds\"]},"
            + " \"responses\": [{\"type\": \"integer\"}], \"examples\": [{\"prompt\": \"a long nap\","
            + " \"parameters\": {\"seconds\": 3600}, \"expected\": 3600}]}";

    @TempDir
    Path home;
    private FakeOllama ollama;
    private RealApp app;
    private byte[] log;

    @Start
    void start(Stage stage) throws Exception {
        Path data = Files.createDirectories(home.resolve("data"));
        Process p = new ProcessBuilder(TestPython.executable(), "-S", "-c", "import pickle, sys\n"
                + "pickle.dump([{'text': 'first'}], open(sys.argv[1], 'wb'))", data.resolve("log.pkl").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        log = Files.readAllBytes(data.resolve("log.pkl"));
        ollama = FakeOllama.start();
        ollama.setModels(FakeModels.Model.of("qwen3:8b", "qwen3", "completion", "tools"));
        try (Engine engine = Engine.open(new Home(home), ollama.url())) {
            engine.library().addCode(CODE);
            engine.library().addSpec((ObjectNode) Json.MAPPER.readTree(ADD));
            engine.library().addSpec((ObjectNode) Json.MAPPER.readTree(COUNT));
            engine.library().addCode(NAP);
            engine.library().addSpec((ObjectNode) Json.MAPPER.readTree(NAP_SPEC));
        }
        app = new RealApp(home, ollama.url()).show();
    }

    @AfterEach
    void close() {
        app.close();
        ollama.close();
    }

    @Test
    void tryShowsPassAndFailExpectedAgainstGotAndTheRecordsEachExampleAdded(FxRobot robot) throws Exception {
        click(robot, "#functions-tab");
        select(robot, "add_entry");
        assertEquals("not tested", robot.lookup("#function-tested").queryAs(Label.class).getText());

        robot.interact(() -> robot.lookup("#try-examples-button").queryButton().fire());
        waitUntil(60, () -> robot.lookup("#example-results").lookup(".example-summary").tryQuery().isPresent());

        assertEquals(List.of("✓ passed", "✗ failed", "✓ passed"), texts(robot, ".example-verdict"));
        assertEquals(List.of("“Log tea”", "“Log coffee”", "“Log nothing”"), texts(robot, ".example-prompt"));
        assertEquals(List.of("arguments: {\"text\":\"tea\"}", "arguments: {\"text\":\"coffee\"}",
                "arguments: {\"text\":\"\"}"), texts(robot, ".example-arguments"));
        assertEquals(List.of("expected: 2", "expected: 3", "expected: the error EmptyTextError"),
                texts(robot, ".example-expected"));
        assertEquals(List.of("got: 2", "got: 2", "got: error EmptyTextError: The text is empty."),
                texts(robot, ".example-got"));
        assertEquals(List.of("why: the result is 2, not 3"), texts(robot, ".example-reason"));
        assertEquals(List.of("data: no changes"), texts(robot, ".example-no-changes"));
        List<TitledPane> changes = robot.lookup("#example-results").lookup(".example-change")
                .queryAllAs(TitledPane.class).stream().toList();
        assertEquals(List.of("data: log.pkl: 1 record added", "data: log.pkl: 1 record added"),
                changes.stream().map(TitledPane::getText).toList());
        assertFalse(changes.get(0).isExpanded(), "the records open on demand");
        robot.interact(() -> changes.get(0).setExpanded(true));
        Label record = robot.from(changes.get(0).getContent()).lookup(".example-record").queryAs(Label.class);
        assertEquals("added #1: {\"text\":\"tea\"}", record.getText());
        assertTrue(record.isVisible());
        assertEquals("3 examples run, each on a fresh copy of the data folder: 2 passed, 1 failed. Not tested.",
                texts(robot, ".example-summary").get(0));
        assertEquals("not tested", robot.lookup("#function-tested").queryAs(Label.class).getText());
        assertArrayEquals(log, Files.readAllBytes(home.resolve("data/log.pkl")), "the real data is untouched");

        select(robot, "count_entries");
        waitUntil(() -> robot.lookup("#example-results").lookup(".example-run").tryQuery().isEmpty());
        robot.interact(() -> robot.lookup("#try-examples-button").queryButton().fire());
        waitUntil(60, () -> robot.lookup("#example-results").lookup(".example-summary").tryQuery().isPresent());
        assertEquals(List.of("✓ passed"), texts(robot, ".example-verdict"));
        waitUntil(() -> robot.lookup("#function-tested").queryAs(Label.class).getText().equals("✓ tested"));
        assertTrue(app.engine.library().tested("count_entries"));
        assertFalse(app.engine.library().tested("add_entry"));
    }

    @Test
    void aNewVersionFromTheModelRunsTheExamplesByItselfAndShowsPassOrFailWithoutTry(FxRobot robot) throws Exception {
        waitUntil(() -> app.chat() != null && app.context.models().stateProperty().get() == ConnectionState.CONNECTED);
        // The model fixes the example that expected 3 (each example starts from the one stored entry) and the code.
        String fixed = ADD.replace("\"expected\": 3", "\"expected\": 2");
        ollama.enqueueReply("Here is the fixed version.\n\n```python\n"
                + CODE.replace("return len(entries)\n", "return len(entries)  # counted after adding\n")
                + "```\n\n```function_spec\n" + fixed + "\n```\n");
        typeAndPressEnter(robot, "Fix the add_entry function so its examples pass.");
        waitUntil(60, () -> app.chat().state() == ChatState.IDLE && app.chat().messages().size() == 2);

        click(robot, "#functions-tab");
        select(robot, "add_entry");
        // Nobody pressed Try: the change ran the examples, and the tab shows them once they are in.
        waitUntil(90, () -> robot.lookup("#example-results").lookup(".example-summary").tryQuery().isPresent());
        assertEquals(List.of("✓ passed", "✓ passed", "✓ passed"), texts(robot, ".example-verdict"));
        assertEquals(List.of("got: 2", "got: 2", "got: error EmptyTextError: The text is empty."),
                texts(robot, ".example-got"));
        assertEquals("The examples ran by themselves after the code or spec changed.",
                robot.lookup("#example-run-state").queryAs(Label.class).getText());
        waitUntil(() -> robot.lookup("#function-tested").queryAs(Label.class).getText().equals("✓ tested"));
        assertTrue(app.engine.library().tested("add_entry"));
        assertArrayEquals(log, Files.readAllBytes(home.resolve("data/log.pkl")), "the real data is untouched");
    }

    @Test
    void cancelAndEscStopARunningExampleAndRemoveItsCopyOfTheData(FxRobot robot) throws Exception {
        click(robot, "#functions-tab");
        select(robot, "nap");

        robot.interact(() -> robot.lookup("#try-examples-button").queryButton().fire());
        waitUntil(() -> robot.lookup("#cancel-examples-button").query().isVisible());
        assertTrue(robot.lookup("#try-examples-button").query().isDisabled(), "one run at a time");
        click(robot, "#cancel-examples-button");
        waitUntil(60, () -> robot.lookup("#example-run-state").queryAs(Label.class).getText().startsWith("Cancelled"));
        assertFalse(robot.lookup("#cancel-examples-button").query().isVisible());
        assertTrue(robot.lookup("#example-results").lookup(".example-run").tryQuery().isEmpty(), "no outcome shown");
        assertEquals(List.of(), scratchCopies(), "the copy of the data is gone once cancelled shows");

        waitUntil(() -> !robot.lookup("#try-examples-button").query().isDisabled());
        robot.interact(() -> robot.lookup("#try-examples-button").queryButton().fire());
        waitUntil(() -> robot.lookup("#cancel-examples-button").query().isVisible());
        robot.interact(() -> robot.lookup("#function-list").query().requestFocus());
        robot.type(KeyCode.ESCAPE);
        waitUntil(60, () -> robot.lookup("#example-run-state").queryAs(Label.class).getText().startsWith("Cancelled"));
        assertEquals(List.of(), scratchCopies());
        assertFalse(app.engine.library().tested("nap"));
        assertArrayEquals(log, Files.readAllBytes(home.resolve("data/log.pkl")), "the real data is untouched");
        assertEquals(List.of(home.resolve("data/log.pkl")), list(home.resolve("data")));
    }

    private List<Path> scratchCopies() throws Exception {
        return list(home.resolve("cache/try"));
    }

    private static List<Path> list(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    private void select(FxRobot robot, String name) {
        waitUntil(() -> entry(name).isPresent());
        robot.interact(() -> app.context.functions().selectedProperty().set(entry(name).orElseThrow()));
        waitUntil(() -> robot.lookup("#try-examples-button").query().isVisible()
                && !robot.lookup("#try-examples-button").query().isDisabled());
    }

    private static List<String> texts(FxRobot robot, String styleClass) {
        return robot.lookup("#example-results").lookup(styleClass).queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
    }

    private Optional<Review> entry(String name) {
        return app.context.functions().functions().stream().filter(f -> f.entry().name().equals(name)).findFirst();
    }
}
