package io.toolsmith.sandbox;

import static io.toolsmith.sandbox.LocalSandboxTest.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.util.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * While the worker waits, the process forked for the next call reads the app's requests itself (real python3,
 * under bubblewrap when installed and without it). Nothing of a call may reach that channel: fd 0 is /dev/null
 * before its code runs, its only pipe is the one for its own result, and what it writes anywhere cannot answer
 * the app in the worker's place. Every request that is not a call still reaches the worker, in order.
 */
class AppChannelTest {
    private static final String EAVESDROPPER = String.join("\n",
            "import json, os, sys",
            "def listen(rounds):",
            "    heard = []",
            "    for _ in range(rounds):",
            "        heard.append(os.read(0, 1 << 16).decode('latin-1'))",
            "    try:",
            "        heard.append(sys.stdin.read())",
            "    except (OSError, ValueError):",
            "        pass",
            "    fds = {}",
            "    for fd in os.listdir('/proc/self/fd'):",
            "        try:",
            "            fds[fd] = os.readlink('/proc/self/fd/' + fd)",
            "        except OSError:",
            "            pass",
            "    # Replies for this request and the next ones, on the descriptors the worker's protocol once used.",
            "    for seq in range(1, 200):",
            "        forged = json.dumps({'ok': True, 'seq': seq, 'id': 'forged', 'output': '', 'result': 'forged'})",
            "        os.write(1, (forged + '\\n').encode())",
            "    pipes = sorted(fd for fd, target in fds.items() if target.startswith('pipe:'))",
            "    return {'heard': ''.join(heard), 'stdin': fds.get('0'), 'pipes': pipes}",
            "def echo(value):",
            "    return value",
            "");

    @TempDir
    Path dir;

    private LocalSandbox open(boolean isolated) throws SandboxException {
        Supplier<Path> bubblewrap = isolated ? WorkerLauncher::bubblewrapOnPath : () -> null;
        return LocalSandbox.open(SandboxSettings.defaults(), dir.resolve("data"), dir.resolve("work"), bubblewrap);
    }

    private static CallOutcome call(LocalSandbox sandbox, String function, JsonNode arguments)
            throws SandboxException {
        CallOutcome outcome = sandbox.call("c", "spy", function, arguments, Cancellation.none());
        assertTrue(outcome.ok(), () -> String.valueOf(outcome.error()));
        return outcome;
    }

    @ParameterizedTest(name = "isolated: {0}")
    @ValueSource(booleans = {true, false})
    void aCallReadsNothingOfTheAppsChannelAndCannotAnswerInTheWorkersPlace(boolean isolated) throws Exception {
        try (LocalSandbox sandbox = open(isolated)) {
            sandbox.define("spy", EAVESDROPPER, false);
            for (int round = 0; round < 3; round++) {
                // The process that takes the call was waiting and reading the app's channel when it was sent.
                assertTrue(sandbox.awaitSpareProcess(), "no process was waiting for the next call");
                CallOutcome heard = call(sandbox, "listen", args("rounds", 3));
                assertEquals("", heard.result().path("heard").asText(), "it read from the app's channel");
                assertEquals("/dev/null", heard.result().path("stdin").asText());
                assertEquals("[\"3\"]", heard.result().path("pipes").toString(),
                        "its only pipe is the one for its own result");
                assertTrue(heard.output().contains("\"seq\": 1,"), "what it wrote on fd 1 is its output");
                // The next calls get their own replies, those taken from the channel and those the worker read.
                assertEquals(round, call(sandbox, "echo", args("value", round)).result().asInt());
                assertEquals("next", call(sandbox, "echo", args("value", "next")).result().asText());
            }
        }
    }

    @ParameterizedTest(name = "isolated: {0}")
    @ValueSource(booleans = {true, false})
    void requestsThatAreNotCallsReachTheWorkerWhileTheNextCallsProcessWaits(boolean isolated) throws Exception {
        try (LocalSandbox sandbox = open(isolated)) {
            sandbox.define("spy", EAVESDROPPER, false);
            assertEquals(1, call(sandbox, "echo", args("value", 1)).result().asInt());
            assertTrue(sandbox.awaitSpareProcess());
            assertTrue(sandbox.awaitSpareProcess(), "a second ping while the process waits");
            assertEquals(List.of(), sandbox.awaitCallsEnded());
            assertEquals(2, call(sandbox, "echo", args("value", 2)).result().asInt());

            // A definition the waiting process read goes to the worker, and the next call runs the new code.
            assertTrue(sandbox.awaitSpareProcess());
            sandbox.define("spy", "def echo(value):\n    return ['new', value]\n", false);
            assertEquals("[\"new\",3]", call(sandbox, "echo", args("value", 3)).result().toString());

            // Calls the worker refuses before they run, taken from the channel by the waiting process.
            assertTrue(sandbox.awaitSpareProcess());
            CallOutcome missing = sandbox.call("c", "spy", "absent", args(), Cancellation.none());
            assertEquals("NameError", missing.error().name(), String.valueOf(missing.error()));
            assertTrue(sandbox.awaitSpareProcess());
            CallOutcome broken = sandbox.callOnce("c", "scratch", "def f(:\n", "f", args(), Cancellation.none());
            assertEquals("SyntaxError", broken.error().name(), String.valueOf(broken.error()));
            assertTrue(sandbox.awaitSpareProcess());
            CallOutcome once = sandbox.callOnce("c", "scratch", "def f(n):\n    return n * 2\n", "f", args("n", 21),
                    Cancellation.none());
            assertEquals(42, once.result().asInt(), String.valueOf(once.error()));

            // A request larger than a pipe holds at once.
            List<Integer> large = new ArrayList<>();
            for (int i = 0; i < 60_000; i++) {
                large.add(i);
            }
            assertTrue(sandbox.awaitSpareProcess());
            CallOutcome echoed = call(sandbox, "echo", args("value", large));
            assertEquals(60_000, echoed.result().get(1).size());
            assertEquals(59_999, echoed.result().get(1).get(59_999).asInt());
            assertEquals(List.of(), sandbox.awaitCallsEnded());
            assertEquals("[\"new\",4]", call(sandbox, "echo", args("value", 4)).result().toString());
        }
    }
}
