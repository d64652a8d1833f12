package io.toolsmith.sandbox;

import static io.toolsmith.sandbox.LocalSandboxTest.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.data.DataSnapshots;
import io.toolsmith.util.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker renames data-folder names that are not valid UTF-8 after a call's reply, not before it (the walk of a
 * large folder would otherwise be on every call's path). The guarantee stays: once the app waited for the call's
 * end, as it does before it lists or snapshots the folder, no such name is left, and the sentences about the
 * renames come with that wait — or with the next call, when nobody waited. Real python3 (and bubblewrap when
 * installed), real files.
 */
class UndecodableNameRenameTest {
    private static final String MAKER = String.join("\n",
            "import os",
            "def make(sub):",
            "    folder = os.path.expanduser('~/data').encode() + sub.encode()",
            "    os.makedirs(folder, exist_ok=True)",
            "    with open(folder + b'/bad\\xffname', 'w') as f:",
            "        f.write('x')",
            "    return 'made'",
            "def nothing():",
            "    return 'nothing'",
            "");

    @TempDir
    Path dir;
    Path data;
    LocalSandbox sandbox;

    @BeforeEach
    void open() throws SandboxException {
        data = dir.resolve("data");
        sandbox = LocalSandbox.open(SandboxSettings.defaults(), data, dir.resolve("work"));
        sandbox.define("maker", MAKER, false);
    }

    @AfterEach
    void close() {
        sandbox.close();
    }

    CallOutcome call(String function, String sub) throws SandboxException {
        CallOutcome outcome = sandbox.call("c", "maker", function,
                sub == null ? args() : args("sub", sub), Cancellation.none());
        assertTrue(outcome.ok(), () -> String.valueOf(outcome.error()));
        return outcome;
    }

    @Test
    void theNameIsRenamedBeforeTheAppListsOrSnapshotsTheFolderAndTheWaitSaysSo() throws Exception {
        DataSnapshots snapshots = new DataSnapshots(data, dir.resolve("snapshots"));
        snapshots.take("before", "before");

        CallOutcome made = call("make", "/deep/er");
        assertEquals("made", made.result().asText());
        assertFalse(made.output().contains("Renamed"), "the reply does not wait for the walk: " + made.output());
        List<String> renamed = sandbox.awaitCallsEnded();

        assertEquals(List.of("[Renamed deep/er/bad\\xffname in the data folder to deep/er/bad%FFname: its name was"
                + " not valid UTF-8, which Toolsmith cannot keep.]"), renamed);
        try (Stream<Path> names = Files.list(data.resolve("deep/er"))) {
            assertEquals(List.of("bad%FFname"), names.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals("x", Files.readString(data.resolve("deep/er/bad%FFname")), "nothing is lost");
        // A snapshot refuses a folder with a name it cannot keep; after the wait it has none.
        snapshots.take("after", "after the call");
        assertEquals(List.of(), sandbox.awaitCallsEnded(), "each rename is said once");
    }

    @Test
    void withoutTheWaitTheNextCallSaysWhatWasRenamed() throws Exception {
        call("make", "");
        CallOutcome next = call("nothing", null);

        assertTrue(next.output().contains("[Renamed bad\\xffname in the data folder to bad%FFname"), next.output());
        assertTrue(Files.exists(data.resolve("bad%FFname")));
        assertEquals(List.of(), sandbox.awaitCallsEnded(), "said once, with the next call");
    }
}
