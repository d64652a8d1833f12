package io.toolsmith.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.functions.ExampleCheck.Verdict;
import io.toolsmith.functions.ExampleExecutor;
import io.toolsmith.functions.ExampleResult;
import io.toolsmith.functions.ExampleRunState;
import io.toolsmith.functions.ExampleRunState.Phase;
import io.toolsmith.functions.ExampleRunner;
import io.toolsmith.functions.ExampleRuns;
import io.toolsmith.functions.FunctionLibrary;
import io.toolsmith.sandbox.Grant;
import io.toolsmith.settings.Home;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs of the examples in the background, with the real sandbox (python3, under bubblewrap where it can be used): a
 * change of code or spec runs them by itself, unless the setting says no; a newer change cancels the run under way;
 * Cancel kills the call in the sandbox at once, removes the scratch copy and leaves the data folder as it was.
 * The sandbox's timeout is ten minutes here, longer than the test may take: a cancel that does not reach the
 * sandbox leaves the test hanging until JUnit's timeout fails it.
 */
class ExampleRunsTest {
    /** Sleeps for {@code seconds}, so a run of it can be caught in the middle; {@code 0} returns at once. */
    static final String NAP = "import time\n\ndef nap(seconds):\n    time.sleep(seconds)\n    return seconds\n";
    static final String NAP_SPEC = "{\"name\": \"nap\", \"description\": \"Sleeps.\", \"parameters\": {\"type\":"
            + " \"object\", \"properties\": {\"seconds\": {\"type\": \"integer\"}}, \"required\": [\"seconds\"]},"
            + " \"responses\": [{\"type\": \"integer\"}], \"examples\": ["
            + "{\"prompt\": \"a short nap\", \"parameters\": {\"seconds\": 0}, \"expected\": 0},"
            + "{\"prompt\": \"a long nap\", \"parameters\": {\"seconds\": %d}, \"expected\": %d}]}";

    @TempDir
    Path home;
    private Engine engine;
    private Path data;
    private Path scratch;
    private ExampleRuns runs;
    private final BlockingQueue<ExampleRunState> states = new LinkedBlockingQueue<>();
    private final AtomicBoolean automatic = new AtomicBoolean(true);
    /** Counted down when an example call is handed to the sandbox (see {@link #executor}). */
    private volatile CountDownLatch calling = new CountDownLatch(0);
    private volatile int callingAt = Integer.MAX_VALUE;
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void open() throws Exception {
        engine = Engine.open(new Home(home), "http://127.0.0.1:1");
        data = Files.createDirectories(engine.dataFolder());
        scratch = home.resolve("scratch");
        Files.writeString(data.resolve("notes.txt"), "eggs\n");
    }

    @AfterEach
    void close() {
        if (runs != null) {
            runs.close();
        }
        engine.close();
    }

    /** Starts the runs after the library holds what the test put there: that is the baseline, nothing runs for it. */
    private FunctionLibrary start() throws Exception {
        runs = new ExampleRuns(engine.library(), this::executor, automatic::get);
        runs.onChange(states::add);
        runs.baselineRead().get(150, TimeUnit.SECONDS);
        return engine.library();
    }

    /** A scratch executor whose calls are counted, telling {@link #calling} when call number {@code callingAt} starts. */
    private ExampleExecutor executor() {
        ScratchExampleExecutor scratchCopy = new ScratchExampleExecutor(
                engine.sandboxSettings().withTimeout(Duration.ofMinutes(10)), data, engine.snapshots().quota(), scratch);
        return new ExampleExecutor() {
            @Override
            public ExampleResult run(String module, String code, String function, JsonNode arguments, Grant grant)
                    throws Exception {
                return run(module, code, function, arguments, grant, new Cancellation());
            }

            @Override
            public ExampleResult run(String module, String code, String function, JsonNode arguments, Grant grant,
                                     Cancellation cancel) throws Exception {
                if (calls.incrementAndGet() == callingAt) {
                    calling.countDown();
                }
                return scratchCopy.run(module, code, function, arguments, grant, cancel);
            }

            @Override
            public List<String> skipped() {
                return scratchCopy.skipped();
            }

            @Override
            public void close() {
                scratchCopy.close();
            }
        };
    }

    /** The next state told for {@code function} that is not waiting or running. */
    private ExampleRunState end(String function) throws InterruptedException {
        while (true) {
            ExampleRunState state = states.poll(150, TimeUnit.SECONDS);
            assertNotNull(state, "no run of " + function + " ended");
            if (state.function().equals(function) && !state.active()) {
                return state;
            }
        }
    }

    @Test
    void aChangedSpecRunsItsExamplesByItselfAndMarksTheFunctionTested() throws Exception {
        FunctionLibrary library = start();
        library.addCode(NAP);
        runs.libraryChanged(); // code without a spec: nothing to run yet
        library.addSpec(spec(0));
        runs.libraryChanged();

        ExampleRunState done = end("nap");
        assertEquals(Phase.DONE, done.phase(), done.toString());
        assertTrue(done.automatic());
        assertEquals(List.of(Verdict.PASSED, Verdict.PASSED),
                done.trial().runs().stream().map(ExampleRunner.ExampleRun::verdict).toList());
        assertTrue(library.tested("nap"), "a pass kept by an automatic run counts as tested");
        assertEquals(done, runs.state("nap").orElseThrow());
        assertEquals(List.of(), list(scratch), "the scratch copy is removed after the run");

        // A spec whose expectation the code does not meet: the run says so by itself, and tested is gone.
        library.addSpec(spec(0).put("description", "Sleeps a while.").set("examples", Json.MAPPER.readTree(
                "[{\"prompt\": \"nap\", \"parameters\": {\"seconds\": 0}, \"expected\": 1}]")));
        runs.libraryChanged();
        ExampleRunState failed = end("nap");
        assertEquals(Verdict.FAILED, failed.trial().runs().get(0).verdict());
        assertEquals(false, library.tested("nap"));
    }

    @Test
    void withAutomaticRunsOffAChangeRunsNothingAndDropsWhatAnEarlierRunShowed() throws Exception {
        FunctionLibrary library = start();
        library.addCode(NAP);
        library.addSpec(spec(0));
        automatic.set(false);
        runs.libraryChanged();
        runs.start("nap"); // the user's Try runs all the same
        assertEquals(Phase.DONE, end("nap").phase());

        library.addCode(NAP.replace("return seconds", "return seconds + 0"));
        runs.libraryChanged();
        ExampleRunState outdated = end("nap");
        assertEquals(Phase.OUTDATED, outdated.phase(), outdated.toString());
        assertTrue(runs.state("nap").isEmpty());
        assertEquals(2, calls.get(), "only Try's two examples ran");
    }

    @Test
    void cancelKillsTheCallUnderWayRemovesTheScratchCopyAndLeavesTheDataAsItWas() throws Exception {
        FunctionLibrary library = start();
        library.addCode(NAP);
        library.addSpec(spec(3600));
        byte[] before = Files.readAllBytes(data.resolve("notes.txt"));
        calling = new CountDownLatch(1);
        callingAt = 2; // the long nap, after the short one started the sandbox

        runs.start("nap");
        assertTrue(calling.await(150, TimeUnit.SECONDS), "the long nap was never called");
        runs.cancel("nap");

        ExampleRunState end = end("nap");
        assertEquals(Phase.CANCELLED, end.phase(), end.toString());
        assertNull(end.trial());
        assertEquals(List.of(), list(scratch), "nothing of the scratch copy remains once cancelled is told");
        assertArrayEquals(before, Files.readAllBytes(data.resolve("notes.txt")));
        assertEquals(List.of(data.resolve("notes.txt")), list(data));
        assertEquals(false, library.tested("nap"), "a cancelled run is no evidence");

        // The runs go on: the next Try of the same function runs again (and is cancelled the same way).
        calling = new CountDownLatch(1);
        callingAt = calls.get() + 2;
        runs.start("nap");
        assertTrue(calling.await(150, TimeUnit.SECONDS));
        runs.cancel("nap");
        assertEquals(Phase.CANCELLED, end("nap").phase());
    }

    @Test
    void aNewerChangeCancelsTheRunOfTheOlderCodeAndOnlyTheNewOutcomeIsTold() throws Exception {
        FunctionLibrary library = start();
        library.addCode(NAP);
        library.addSpec(spec(3600));
        calling = new CountDownLatch(1);
        callingAt = 2;
        runs.start("nap");
        assertTrue(calling.await(150, TimeUnit.SECONDS));

        // The long nap of the older code is under way: the new code returns at once, and its run must not wait.
        library.addCode(NAP.replace("time.sleep(seconds)", "pass"));
        runs.libraryChanged();

        ExampleRunState end = end("nap");
        assertEquals(Phase.DONE, end.phase(), end.toString());
        assertTrue(end.automatic(), "the outcome told is the new code's, not the cancelled run's");
        assertEquals(List.of(Verdict.PASSED, Verdict.PASSED),
                end.trial().runs().stream().map(ExampleRunner.ExampleRun::verdict).toList());
        assertTrue(library.tested("nap"));
    }

    private static ObjectNode spec(int longNap) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(NAP_SPEC.formatted(longNap, longNap));
    }

    private static List<Path> list(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
