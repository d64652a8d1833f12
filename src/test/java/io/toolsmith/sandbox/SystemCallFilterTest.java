package io.toolsmith.sandbox;

import static io.toolsmith.sandbox.LocalSandboxTest.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.util.Cancellation;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system-call filter in a real call (real python3, under bubblewrap when installed): what widens the
 * kernel surface fails with EPERM (clone3 with ENOSYS), while what functions ordinarily do still works.
 */
class SystemCallFilterTest {
    static final String PROBES = String.join("\n",
            "import ctypes, datetime, errno, json, os, pickle, platform, subprocess, threading",
            "libc = ctypes.CDLL(None, use_errno=True)",
            "NUMBERS = {",
            "    'x86_64': {'io_uring_setup': 425, 'keyctl': 250, 'add_key': 248, 'mount': 165, 'umount2': 166,",
            "               'clone3': 435, 'setns': 308, 'bpf': 321, 'ptrace': 101, 'perf_event_open': 298,",
            "               'userfaultfd': 323, 'pidfd_getfd': 438, 'fsopen': 430, 'shmget': 29, 'semget': 64,",
            "               'msgget': 68, 'memfd_secret': 447},",
            "    'aarch64': {'io_uring_setup': 425, 'keyctl': 219, 'add_key': 217, 'mount': 40, 'umount2': 39,",
            "                'clone3': 435, 'setns': 268, 'bpf': 280, 'ptrace': 117, 'perf_event_open': 241,",
            "                'userfaultfd': 282, 'pidfd_getfd': 438, 'fsopen': 430, 'shmget': 194, 'semget': 190,",
            "                'msgget': 186, 'memfd_secret': 447},",
            "}[platform.machine()]",
            "def outcome(result):",
            "    return 'succeeded' if result >= 0 else errno.errorcode.get(ctypes.get_errno(), '?')",
            "def syscall(name, *args):",
            "    return outcome(libc.syscall(ctypes.c_long(NUMBERS[name]), *[ctypes.c_long(a) for a in args]))",
            "def refused():",
            "    tmp = b'/tmp'",
            "    return {",
            "        'unshare(CLONE_NEWUSER)': outcome(libc.unshare(0x10000000)),",
            "        'unshare(CLONE_NEWNET)': outcome(libc.unshare(0x40000000)),",
            "        'unshare(CLONE_NEWNS)': outcome(libc.unshare(0x00020000)),",
            "        'io_uring_setup': syscall('io_uring_setup', 8, 0),",
            "        'keyctl': syscall('keyctl', 0, -3, 0),",
            "        'add_key': syscall('add_key', 0, 0, 0, 0, -3),",
            "        'mount': outcome(libc.mount(b'none', tmp, b'tmpfs', 0, None)),",
            "        'umount2': outcome(libc.umount2(tmp, 0)),",
            "        'setns': syscall('setns', 0, 0),",
            "        'bpf': syscall('bpf', 0, 0, 0),",
            "        'ptrace': syscall('ptrace', 16, os.getppid(), 0, 0),",
            "        'perf_event_open': syscall('perf_event_open', 0, 0, -1, -1, 0),",
            "        'userfaultfd': syscall('userfaultfd', 0),",
            "        'pidfd_getfd': syscall('pidfd_getfd', 0, 0, 0),",
            "        'fsopen': syscall('fsopen', 0, 0),",
            "        'clone3': syscall('clone3', 0, 0),",
            "        'shmget': syscall('shmget', 0, 1 << 20, 0o1600),",
            "        'semget': syscall('semget', 0, 1, 0o1600),",
            "        'msgget': syscall('msgget', 0, 0o1600),",
            "        'memfd_secret': syscall('memfd_secret', 0),",
            "        'personality(ADDR_NO_RANDOMIZE)': outcome(libc.personality(0x0040000)),",
            "    }",
            "def ordinary():",
            "    path = os.path.expanduser('~/data/probe.pkl')",
            "    with open(path, 'wb') as f:",
            "        pickle.dump({'when': datetime.date(2025, 7, 7)}, f)",
            "    with open(path, 'rb') as f:",
            "        loaded = pickle.load(f)",
            "    box = []",
            "    worker = threading.Thread(target=lambda: box.append(json.dumps({'a': 1})))",
            "    worker.start()",
            "    worker.join()",
            "    pid = os.fork()",
            "    if pid == 0:",
            "        os._exit(7)",
            "    _, status = os.waitpid(pid, 0)",
            "    return {'pickle': loaded['when'].isoformat(), 'thread': box[0],",
            "            'fork': os.waitstatus_to_exitcode(status),",
            "            'subprocess': subprocess.run(['/bin/true']).returncode,",
            "            'persona': libc.personality(0xffffffff)}",
            "");

    @TempDir
    Path dir;
    LocalSandbox sandbox;

    @BeforeEach
    void open() throws SandboxException {
        assumeTrue(SeccompFilter.forThisMachine().isPresent(), "no filter is known for this machine");
        sandbox = LocalSandbox.open(SandboxSettings.defaults(), dir.resolve("data"), dir.resolve("work"));
        sandbox.define("probes", PROBES, false);
    }

    @AfterEach
    void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void namespacesMountsKeyringsIoUringTracingAndSystemVObjectsAreRefused() throws Exception {
        CallOutcome outcome = sandbox.call("1", "probes", "refused", args(), Cancellation.none());
        assertTrue(outcome.ok(), () -> String.valueOf(outcome.error()));
        JsonNode result = outcome.result();
        result.fields().forEachRemaining(probe -> assertEquals(probe.getKey().equals("clone3") ? "ENOSYS" : "EPERM",
                probe.getValue().asText(), probe.getKey() + " in " + result));
        assertEquals(21, result.size());
    }

    @Test
    void ordinaryWorkStillWorks() throws Exception {
        CallOutcome outcome = sandbox.call("1", "probes", "ordinary", args(), Cancellation.none());
        assertTrue(outcome.ok(), () -> String.valueOf(outcome.error()));
        assertEquals("{\"pickle\":\"2025-07-07\",\"thread\":\"{\\\"a\\\": 1}\",\"fork\":7,\"subprocess\":0,"
                + "\"persona\":0}", outcome.result().toString());
    }

    @Test
    void theIsolationTextSaysSystemCallsAreFiltered() {
        assumeTrue(sandbox.isolation().isolated(), "bubblewrap is not available here");
        assertTrue(sandbox.isolation().description().contains("system calls filtered"),
                sandbox.isolation().description());
    }
}
