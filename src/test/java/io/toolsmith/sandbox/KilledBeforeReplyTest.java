package io.toolsmith.sandbox;

import static io.toolsmith.sandbox.LocalSandboxTest.args;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.data.DataSnapshots;
import io.toolsmith.data.Snapshot;
import io.toolsmith.util.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under bubblewrap the worker replies as soon as a call's processes are killed and reaps them afterwards (real
 * python3 and bwrap). A call leaves a writer behind that escaped it every way it can (a double fork, a session of
 * its own, several threads) and appends to a file in the data folder without pause: once the result is there
 * and the app waited for the call's end as it does before looking at the folder, the file no longer changes,
 * and the next call finds no process of the previous one. What a killed process was still printing never shows
 * in the next call's output.
 */
class KilledBeforeReplyTest {
    private static final String ESCAPER = String.join("\n",
            "import os, threading",
            "BEAT = os.path.expanduser('~/data/beat.txt')",
            "def beat(name):",
            "    n = 0",
            "    while True:",
            "        with open(BEAT, 'a') as f:",
            "            f.write('%s %d\\n' % (name, n))",
            "        n += 1",
            "def writers_seen():",
            "    try:",
            "        with open(BEAT) as f:",
            "            return {line.split()[0] for line in f if line.strip()}",
            "    except OSError:",
            "        return set()",
            "def start():",
            "    ready_read, ready_write = os.pipe()",
            "    if os.fork() == 0:",
            "        os.setsid()",
            "        if os.fork() == 0:",
            "            for i in range(3):",
            "                threading.Thread(target=beat, args=('thread%d' % i,)).start()",
            "            with open(BEAT, 'a') as f:",
            "                f.write('main -1\\n')",
            "            while len(writers_seen()) < 4:",
            "                pass",
            "            os.write(ready_write, b'x')",
            "            beat('main')",
            "        os._exit(0)",
            "    os.close(ready_write)",
            "    os.wait()",
            "    os.read(ready_read, 1)  # every writer has written at least once and is still writing",
            "    return sorted(writers_seen())",
            "def chatter():",
            "    ready_read, ready_write = os.pipe()",
            "    if os.fork() == 0:",
            "        os.setsid()",
            "        os.write(1, b'first\\n')",
            "        os.write(ready_write, b'x')",
            "        while True:",
            "            os.write(1, b'still talking\\n')",
            "    os.close(ready_write)",
            "    os.read(ready_read, 1)",
            "    return 'talking'",
            "def quiet():",
            "    return 'quiet'",
            "def others():",
            "    return sorted(int(e) for e in os.listdir('/proc') if e.isdigit() and int(e) not in (1, os.getpid()))",
            "");

    @TempDir
    Path dir;
    Path data;
    LocalSandbox sandbox;

    @BeforeEach
    void open() throws SandboxException {
        data = dir.resolve("data");
        sandbox = LocalSandbox.open(SandboxSettings.defaults(), data, dir.resolve("work"));
        assumeTrue(sandbox.isolation().isolated(), "needs bubblewrap: " + sandbox.isolation().description());
        sandbox.define("escaper", ESCAPER, false);
    }

    @AfterEach
    void close() {
        sandbox.close();
    }

    CallOutcome call(String function) throws SandboxException {
        ObjectNode none = args();
        CallOutcome outcome = sandbox.call("c", "escaper", function, none, Cancellation.none());
        assertTrue(outcome.ok(), () -> String.valueOf(outcome.error()));
        return outcome;
    }

    @Test
    void aWriterThatEscapedItsCallStopsWritingOnceTheCallHasEnded() throws Exception {
        DataSnapshots snapshots = new DataSnapshots(data, dir.resolve("snapshots"));
        snapshots.take("before", "before");

        CallOutcome started = call("start");
        assertEquals("[\"main\",\"thread0\",\"thread1\",\"thread2\"]", started.result().toString(),
                "the writers were all running when the call returned");
        sandbox.awaitCallsEnded();
        // The snapshots find what changed through the change journal and its barrier: every change made before
        // each of them has been seen by then.
        Snapshot first = snapshots.take("after", "after the call");
        byte[] atFirst = Files.readAllBytes(data.resolve("beat.txt"));
        // A writer still running would append many lines while the next call runs.
        String othersSeen = call("others").result().toString();
        Snapshot second = snapshots.take("later", "after the next call");
        byte[] atSecond = Files.readAllBytes(data.resolve("beat.txt"));

        assertEquals(List.of(), snapshots.changes(first.id(), second.id()));
        assertArrayEquals(atFirst, atSecond);
        assertTrue(atFirst.length > 0);
        assertEquals("[]", othersSeen, "no process of the previous call is left");
    }

    @Test
    void outputOfAProcessKilledAfterTheResultNeverReachesTheNextCall() throws Exception {
        CallOutcome talking = call("chatter");
        assertTrue(talking.output().startsWith("first\n"), talking.output());
        CallOutcome quiet = call("quiet");
        assertEquals("quiet", quiet.result().asText());
        assertEquals("", quiet.output());
    }

    @Test
    void theNextCallFindsNoProcessOfThePreviousOneEvenWithoutWaiting() throws Exception {
        call("start");
        // No wait for the previous call's end here: the worker reaps its processes before it reads a request.
        assertEquals("[]", call("others").result().toString());
        assertEquals("[]", call("others").result().toString());
    }
}
