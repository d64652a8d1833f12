package io.toolsmith.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.data.DataChange;
import io.toolsmith.functions.ExampleCheck.Verdict;
import io.toolsmith.functions.ExampleRunner;
import io.toolsmith.functions.FunctionLibrary;
import io.toolsmith.settings.Home;
import io.toolsmith.testing.TestPython;
import io.toolsmith.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Try with examples, end to end with the real sandbox (python3 under bubblewrap): each example on a fresh copy of
 * the data, pass or fail against its expectation, what it changed read back by Toolsmith's own pickle reader, the
 * real data folder untouched, and the call allowed only what a real call is.
 */
class ExampleEvidenceTest {
    static final String LOG = "import os, pickle\n\n"
            + "class EmptyTextError(Exception):\n    pass\n\n"
            + "def add_entry(text):\n"
            + "    if not text:\n        raise EmptyTextError('The text is empty.')\n"
            + "    path = os.path.expanduser('~/data/log.pkl')\n"
            + "    entries = []\n"
            + "    if os.path.exists(path):\n"
            + "        with open(path, 'rb') as f:\n            entries = pickle.load(f)\n"
            + "    entries.append({'text': text})\n"
            + "    with open(path, 'wb') as f:\n        pickle.dump(entries, f)\n"
            + "    return len(entries)\n";
    static final String SPEC = "{\"name\": \"add_entry\", \"description\": \"Adds an entry to the log.\","
            + " \"parameters\": {\"type\": \"object\", \"properties\": {\"text\": {\"type\": \"string\"}},"
            + " \"required\": [\"text\"]}, \"responses\": [{\"type\": \"integer\"}], \"examples\": ["
            + "{\"prompt\": \"Log tea\", \"parameters\": {\"text\": \"tea\"}, \"expected\": 2},"
            + "{\"prompt\": \"Log coffee\", \"parameters\": {\"text\": \"coffee\"}, \"expected\": 3},"
            + "{\"prompt\": \"Log nothing\", \"parameters\": {\"text\": \"\"}, \"expected_error\": \"EmptyTextError\"}]}";

    /** Only reads, as the checks see it; the pickle it loads is what writes. */
    static final String READER = "import os, pickle\n\n"
            + "def list_items():\n"
            + "    with open(os.path.expanduser('~/data/items.pkl'), 'rb') as f:\n"
            + "        return [str(i) for i in pickle.load(f)]\n";
    static final String READER_SPEC = "{\"name\": \"list_items\", \"description\": \"Lists the items.\","
            + " \"parameters\": {\"type\": \"object\", \"properties\": {}}, \"responses\": [{\"type\": \"array\"}],"
            + " \"examples\": [{\"prompt\": \"What is on my list?\", \"parameters\": {}, \"expected\": []}]}";

    @TempDir
    Path home;
    private Engine engine;
    private Path data;

    @BeforeEach
    void open() throws Exception {
        engine = Engine.open(new Home(home), "http://127.0.0.1:1");
        data = engine.dataFolder();
        Files.createDirectories(data);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private ExampleRunner.Trial tryExamples(String function) throws Exception {
        try (ScratchExampleExecutor scratch = new ScratchExampleExecutor(engine.sandboxSettings(), data,
                engine.snapshots().quota())) {
            return new ExampleRunner(engine.library(), scratch).trial(function);
        }
    }

    @Test
    void examplesPassOrFailEachOnAFreshCopyAndTheRecordTheyAddIsShownWhileTheRealDataStaysAsItWas() throws Exception {
        pickle(data.resolve("log.pkl"), "[{'text': 'first'}]");
        byte[] real = Files.readAllBytes(data.resolve("log.pkl"));
        FunctionLibrary library = engine.library();
        library.addCode(LOG);
        library.addSpec((ObjectNode) Json.MAPPER.readTree(SPEC));

        ExampleRunner.Trial trial = tryExamples("add_entry");

        ExampleRunner.ExampleRun tea = trial.runs().get(0);
        assertEquals(Verdict.PASSED, tea.verdict(), tea.toString());
        assertEquals(2, tea.result().result().asInt());
        assertEquals(1, tea.result().changes().size(), tea.result().changes().toString());
        DataChange log = tea.result().changes().get(0);
        assertEquals("log.pkl: 1 record added", log.summary());
        assertEquals(List.of("added #1: {\"text\":\"tea\"}"), log.records().stream().map(DataChange.RecordChange::line)
                .toList());

        ExampleRunner.ExampleRun coffee = trial.runs().get(1);
        assertEquals(Verdict.FAILED, coffee.verdict(), "the copy did not keep tea from the example before");
        assertEquals(2, coffee.result().result().asInt());
        assertEquals("the result is 2, not 3", coffee.reason());
        assertEquals("log.pkl: 1 record added", coffee.result().changes().get(0).summary());

        ExampleRunner.ExampleRun nothing = trial.runs().get(2);
        assertEquals(Verdict.PASSED, nothing.verdict(), nothing.toString());
        assertEquals("EmptyTextError", nothing.result().errorName());
        assertEquals(List.of(), nothing.result().changes());

        assertEquals(1, trial.failures());
        assertFalse(trial.tested());
        assertFalse(library.tested("add_entry"));
        assertArrayEquals(real, Files.readAllBytes(data.resolve("log.pkl")), "the real data folder is untouched");
        assertEquals(List.of(data.resolve("log.pkl")), list(data));

        // The example fixed: every example passes, so this code and spec count as tested, until either changes.
        library.addSpec((ObjectNode) Json.MAPPER.readTree(SPEC.replace("\"expected\": 3", "\"expected\": 2")));
        ExampleRunner.Trial fixed = tryExamples("add_entry");
        assertEquals(0, fixed.failures(), fixed.runs().toString());
        assertTrue(fixed.tested());
        assertTrue(library.tested("add_entry"));
        assertTrue(library.review("add_entry").tested());
        library.addCode(LOG.replace("return len(entries)", "return len(entries) + 0"));
        assertFalse(library.tested("add_entry"), "changed code is not tested");
        assertTrue(tryExamples("add_entry").tested(), "Try runs the examples again on the new code");
        assertTrue(library.tested("add_entry"));
        assertArrayEquals(real, Files.readAllBytes(data.resolve("log.pkl")));
    }

    @Test
    void aReaderThatAPickleMakesWriteFailsOnTryAsOnARealCallAndNothingIsWritten() throws Exception {
        assumeTrue(engine.sandbox().isolation().isolated(), "needs bubblewrap: " + engine.sandbox().isolation());
        // Loading this pickle opens ~/data/planted.txt for writing: the checks see list_items only read.
        python("import pickle\nclass P:\n    def __reduce__(self):\n"
                + "        return (open, ('/home/sandbox/data/planted.txt', 'w'))\n"
                + "pickle.dump([P()], open('" + data.resolve("items.pkl") + "', 'wb'))\n");
        FunctionLibrary library = engine.library();
        library.addCode(READER);
        library.addSpec((ObjectNode) Json.MAPPER.readTree(READER_SPEC));

        ExampleRunner.Trial pending = tryExamples("list_items");
        library.approve("list_items", false);
        ExampleRunner.Trial approved = tryExamples("list_items");

        for (ExampleRunner.Trial trial : List.of(pending, approved)) {
            ExampleRunner.ExampleRun run = trial.runs().get(0);
            assertEquals(Verdict.FAILED, run.verdict(), run.toString());
            assertEquals("OSError", run.result().errorName());
            assertTrue(run.result().errorMessage().contains("list_items tried to change the data folder, but it is "
                    + "not approved to write data"), run.result().errorMessage());
            assertEquals(List.of(), run.result().changes(), "the copy was read-only");
            assertFalse(trial.tested());
        }
        assertEquals(List.of(data.resolve("items.pkl")), list(data), "nothing was planted in the real folder");
    }

    @Test
    void aFileAddedBesideThePicklesIsShownAndALinkInTheRealFolderIsLeftOut() throws Exception {
        Files.writeString(data.resolve("notes.txt"), "eggs\n");
        Files.createSymbolicLink(data.resolve("elsewhere.pkl"), Path.of("/etc/hostname"));
        engine.library().addCode("import os\n\ndef add_note(text):\n"
                + "    with open(os.path.expanduser('~/data/notes.txt'), 'a') as f:\n        f.write(text + '\\n')\n"
                + "    with open(os.path.expanduser('~/data/copy.txt'), 'w') as f:\n        f.write(text)\n"
                + "    return 'ok'\n");
        engine.library().addSpec((ObjectNode) Json.MAPPER.readTree("{\"name\": \"add_note\", \"description\": \"Adds a note.\","
                + " \"parameters\": {\"type\": \"object\", \"properties\": {\"text\": {\"type\": \"string\"}}},"
                + " \"responses\": [{\"type\": \"string\"}], \"examples\": [{\"prompt\": \"note milk\","
                + " \"parameters\": {\"text\": \"milk\"}, \"expected\": \"ok\"}]}"));

        ExampleRunner.Trial trial = tryExamples("add_note");

        assertEquals(Verdict.PASSED, trial.runs().get(0).verdict(), trial.runs().toString());
        assertEquals(List.of("copy.txt: new file, 4 bytes", "notes.txt: changed (5 bytes → 10 bytes)"),
                trial.runs().get(0).result().changes().stream().map(DataChange::summary).toList());
        assertEquals(1, trial.skipped().size());
        assertTrue(trial.skipped().get(0).endsWith("elsewhere.pkl is a link to /etc/hostname; the copy the examples"
                + " ran on leaves it out."), trial.skipped().get(0));
        assertEquals("eggs\n", Files.readString(data.resolve("notes.txt")));
        assertFalse(Files.exists(data.resolve("copy.txt")));
    }

    @Test
    void whatAnExampleLeftIsGoneForTheNextAndItsLinkIsNamedNotFollowed() throws Exception {
        Files.writeString(data.resolve("notes.txt"), "eggs\n");
        engine.library().addCode("import os\n\ndef mess(kind):\n"
                + "    d = os.path.expanduser('~/data')\n"
                + "    if kind == 'mess':\n"
                + "        os.symlink('/etc/passwd', d + '/evil.pkl')\n"
                + "        os.mkdir(d + '/locked')\n"
                + "        with open(d + '/locked/x', 'w') as f:\n            f.write('x')\n"
                + "        os.chmod(d + '/locked', 0)\n"
                + "    return sorted(os.listdir(d))\n");
        engine.library().addSpec((ObjectNode) Json.MAPPER.readTree("{\"name\": \"mess\", \"description\": \"d\","
                + " \"parameters\": {\"type\": \"object\", \"properties\": {\"kind\": {\"type\": \"string\"}}},"
                + " \"responses\": [], \"examples\": ["
                + "{\"prompt\": \"mess up\", \"parameters\": {\"kind\": \"mess\"}, \"expected\": [\"evil.pkl\", \"locked\", \"notes.txt\"]},"
                + "{\"prompt\": \"look\", \"parameters\": {\"kind\": \"look\"}, \"expected\": [\"notes.txt\"]}]}"));

        ExampleRunner.Trial trial = tryExamples("mess");

        assertEquals(0, trial.failures(), trial.runs().toString());
        assertEquals(List.of("evil.pkl: a link to /etc/passwd added (not followed)", "locked: folder added",
                "locked/x: new file, 1 byte"), trial.runs().get(0).result().changes().stream().map(DataChange::summary)
                .toList());
        assertEquals(List.of(), trial.runs().get(1).result().changes());
        assertEquals(List.of(data.resolve("notes.txt")), list(data));
        try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("toolsmith-try"))
                    .filter(p -> Files.exists(p.resolve("data/locked"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .toList(), "the scratch folder is removed, locked folder and all");
        }
    }

    @Test
    void eachExampleStartsWithAnEmptyTmpInTheSandbox() throws Exception {
        assumeTrue(engine.sandbox().isolation().isolated(), "needs bubblewrap: " + engine.sandbox().isolation());
        engine.library().addCode("import os\n\ndef scratch(leave):\n"
                + "    found = sorted(os.listdir('/tmp'))\n"
                + "    if leave:\n"
                + "        with open('/tmp/x', 'w') as f:\n            f.write('left by an example')\n"
                + "        os.makedirs('/tmp/deep/er')\n"
                + "    return found\n");
        engine.library().addSpec((ObjectNode) Json.MAPPER.readTree("{\"name\": \"scratch\", \"description\": \"d\","
                + " \"parameters\": {\"type\": \"object\", \"properties\": {\"leave\": {\"type\": \"boolean\"}}},"
                + " \"responses\": [], \"examples\": ["
                + "{\"prompt\": \"leave\", \"parameters\": {\"leave\": true}, \"expected\": []},"
                + "{\"prompt\": \"leave again\", \"parameters\": {\"leave\": true}, \"expected\": []},"
                + "{\"prompt\": \"look\", \"parameters\": {\"leave\": false}, \"expected\": []}]}"));

        ExampleRunner.Trial trial = tryExamples("scratch");

        assertEquals(List.of(Verdict.PASSED, Verdict.PASSED, Verdict.PASSED),
                trial.runs().stream().map(ExampleRunner.ExampleRun::verdict).toList(),
                "no example sees /tmp/x or /tmp/deep from the one before: " + trial.runs());
        assertTrue(trial.tested());
    }

    private static List<Path> list(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    private static void pickle(Path file, String expression) throws Exception {
        python("import pickle, sys\npickle.dump(" + expression + ", open(sys.argv[1], 'wb'))\n", file.toString());
    }

    private static void python(String code, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(TestPython.executable(), "-S", "-c", code));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }
}
