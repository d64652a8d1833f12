package io.toolsmith.sandbox;

import static io.toolsmith.sandbox.LocalSandboxTest.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.toolsmith.util.Cancellation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's side of the worker pipe, against a real python3 stand-in worker that misbehaves on request:
 * extra reply lines, and a reply line far over the bound without a newline. The app fails that one call
 * with a sentence, restarts the worker, and the next call is answered correctly. And one that takes its time to
 * clean up after a failed call, as the worker does after a fork bomb: not counted against the next call's limit.
 */
class WorkerPipeTest {
    /** Answers like the worker; the function name chooses the misbehaviour. */
    static final String STAND_IN = String.join("\n",
            "import json, os, sys, time",
            "out = os.fdopen(os.dup(1), 'wb', buffering=0)",
            "def send(obj):",
            "    out.write((json.dumps(obj) + '\\n').encode())",
            "send({'ok': True, 'ready': True})",
            "for line in sys.stdin:",
            "    request = json.loads(line)",
            "    seq = request.get('seq')",
            "    function = request.get('function')",
            "    if request['op'] != 'call':",
            "        send({'ok': True, 'seq': seq})",
            "    elif function == 'extra_lines':",
            "        answer = {'ok': True, 'seq': seq, 'id': request['id'], 'output': '', 'result': 'first'}",
            "        send(answer)",
            "        send(dict(answer, result='forged'))",
            "        send(dict(answer, result='forged'))",
            "    elif function == 'huge_line':",
            "        chunk = b'x' * (1 << 20)",
            "        for _ in range(3):",
            "            out.write(chunk)",
            "        sys.stdin.readline()",
            "    elif function == 'fails_then_cleans_up_slowly':",
            "        send({'ok': False, 'seq': seq, 'id': request['id'], 'output': '',",
            "              'error': {'name': 'RuntimeError', 'message': 'boom', 'traceback': ''}})",
            "        time.sleep(0.7)  # as the worker ending what a failed call left, before it reads the next line",
            "    elif function == 'takes_half_a_second':",
            "        time.sleep(0.5)",
            "        send({'ok': True, 'seq': seq, 'id': request['id'], 'output': '', 'result': function})",
            "    elif function == 'not_json':",
            "        out.write(b'Traceback (most recent call last):\\n')",
            "    else:",
            "        send({'ok': True, 'seq': seq, 'id': request['id'], 'output': '', 'result': function})",
            "");

    @TempDir
    Path dir;
    LocalSandbox sandbox;

    @BeforeEach
    void open() throws SandboxException {
        // A small output cap makes the reply bound small: 8 x 16 KiB + 1 MiB, under the 3 MiB line.
        SandboxSettings small = new SandboxSettings("local", Duration.ofSeconds(20), 1L << 30, 60, 256L << 20, 64,
                16 << 10, "python3", "");
        sandbox = LocalSandbox.open(small, dir.resolve("data"), dir.resolve("work"), () -> null,
                STAND_IN.getBytes(StandardCharsets.UTF_8));
        sandbox.define("tool", "def f():\n    pass\n", false);
    }

    @AfterEach
    void close() {
        sandbox.close();
    }

    CallOutcome call(String function) throws SandboxException {
        return sandbox.call("c", "tool", function, args(), Cancellation.none());
    }

    @Test
    void extraReplyLinesNeverBecomeAnotherCallsResult() throws Exception {
        assertEquals("first", call("extra_lines").result().asText());
        CallOutcome next = call("answer");
        assertFalse(next.ok(), "an extra line was taken as the answer: " + next.result());
        assertEquals("The sandbox stopped while running answer because it answered out of turn; it was restarted.",
                next.error().message());
        assertEquals("answer", call("answer").result().asText());
    }

    @Test
    void theCleanupAfterAFailedCallIsNotChargedToTheNextCallsTimeLimit() throws Exception {
        LocalSandbox oneSecond = LocalSandbox.open(new SandboxSettings("local", Duration.ofSeconds(1), 1L << 30, 60,
                256L << 20, 64, 16 << 10, "python3", ""), dir.resolve("data"), dir.resolve("work-1s"), () -> null,
                STAND_IN.getBytes(StandardCharsets.UTF_8));
        try {
            oneSecond.define("tool", "def f():\n    pass\n", false);
            assertFalse(oneSecond.call("c", "tool", "fails_then_cleans_up_slowly", args(), Cancellation.none()).ok());
            // 0.7 s of cleanup and 0.5 s of call: over the limit only if both are counted
            CallOutcome next = oneSecond.call("c", "tool", "takes_half_a_second", args(), Cancellation.none());
            assertEquals("takes_half_a_second", next.ok() ? next.result().asText() : next.error().message());
        } finally {
            oneSecond.close();
        }
    }

    @Test
    void aReplyLineOverTheBoundFailsTheCallWithASentence() throws Exception {
        CallOutcome outcome = call("huge_line");
        assertEquals("SandboxError", outcome.error().name());
        assertEquals("The sandbox stopped while running huge_line because its reply was longer than 1.1 MiB; it was"
                + " restarted.", outcome.error().message());
        assertEquals("answer", call("answer").result().asText());
    }

    @Test
    void aReplyThatIsNotJsonFailsTheCallWithASentence() throws Exception {
        CallOutcome outcome = call("not_json");
        assertEquals("The sandbox stopped while running not_json because its reply was not JSON; it was restarted.",
                outcome.error().message());
        assertEquals("answer", call("answer").result().asText());
    }
}
