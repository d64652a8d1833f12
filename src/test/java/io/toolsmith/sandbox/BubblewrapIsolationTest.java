package io.toolsmith.sandbox;

import static io.toolsmith.sandbox.LocalSandboxTest.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Cancellation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What bubblewrap keeps functions from doing, with real bwrap and python3. After every attack the
 * test JVM is still running (it runs the next assertion), the data folder is intact and the next
 * call works.
 */
class BubblewrapIsolationTest {
    @TempDir
    Path dir;
    Path data;
    LocalSandbox sandbox;

    @BeforeAll
    static void requireBubblewrap() {
        boolean installed = false;
        for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
            installed |= Files.isExecutable(Path.of(p, "bwrap"));
        }
        assumeTrue(installed, "bubblewrap (bwrap) is not installed; install the bubblewrap package to run these tests");
    }

    @BeforeEach
    void open() throws Exception {
        data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("keep.txt"), "precious");
        sandbox = LocalSandbox.open(SandboxSettings.defaults().withTimeout(Duration.ofSeconds(5)), data,
                dir.resolve("work"));
        assertEquals("bubblewrap", sandbox.isolation().level(), sandbox.isolation().description());
        assertTrue(sandbox.isolation().isolated());
        sandbox.define("probe", "def ok():\n    return 'still here'\n", false);
    }

    @AfterEach
    void checkSurvivors() throws Exception {
        try {
            CallOutcome probe = call("probe", "ok", args());
            assertTrue(probe.ok(), () -> "the sandbox works after the test: " + probe.error() + " " + probe.output());
            assertEquals("still here", probe.result().asText());
            assertEquals("precious", Files.readString(data.resolve("keep.txt")));
        } finally {
            sandbox.close();
        }
    }

    CallOutcome call(String module, String function, ObjectNode arguments) throws SandboxException {
        return sandbox.call("t", module, function, arguments, Cancellation.none());
    }

    @Test
    void filesOutsideTheDataFolderCannotBeRead() throws Exception {
        Path secret = Path.of(System.getProperty("user.home"), ".toolsmith-secret-test");
        Files.writeString(secret, "secret");
        try {
            sandbox.define("reader", "def read(path):\n    with open(path) as f:\n        return f.read()\n", false);
            CallOutcome outcome = call("reader", "read", args("path", secret.toString()));
            assertFalse(outcome.ok(), "read the host home: " + outcome.result());
            assertEquals("FileNotFoundError", outcome.error().name());
            assertFalse(call("reader", "read", args("path", "/etc/shadow")).ok());
            assertFalse(call("reader", "read", args("path", dir.resolve("work/worker.err").toString())).ok());
            assertEquals("precious", call("reader", "read", args("path", "/home/sandbox/data/keep.txt"))
                    .result().asText());
        } finally {
            Files.deleteIfExists(secret);
        }
    }

    @Test
    void writesOutsideTheDataFolderFailAndInsideLandInIt() throws Exception {
        sandbox.define("writer", "import os\ndef write(path):\n    with open(os.path.expanduser(path), 'w') as f:\n"
                + "        f.write('x')\n    return 'written'\n", false);
        Path outside = Path.of(System.getProperty("user.home"), ".toolsmith-write-test");
        assertFalse(call("writer", "write", args("path", outside.toString())).ok());
        assertFalse(Files.exists(outside));
        CallOutcome usr = call("writer", "write", args("path", "/usr/toolsmith-test"));
        assertFalse(usr.ok());
        assertFalse(Files.exists(Path.of("/usr/toolsmith-test")));
        assertFalse(call("writer", "write", args("path", dir.resolve("elsewhere.txt").toString())).ok());
        assertFalse(Files.exists(dir.resolve("elsewhere.txt")));
        assertTrue(call("writer", "write", args("path", "~/data/new.txt")).ok());
        assertEquals("x", Files.readString(data.resolve("new.txt")));
    }

    @Test
    void networkIsOffUnlessGranted() throws Exception {
        // Granted network is the machine's network, not its loopback: serve on an address of the host.
        InetAddress host = hostAddress();
        assumeTrue(host != null, "this machine has no network address besides loopback");
        try (ServerSocket server = new ServerSocket(0, 50, host);
             ServerSocket loopback = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            for (ServerSocket listening : new ServerSocket[] {server, loopback}) {
                Thread acceptor = new Thread(() -> {
                    while (!listening.isClosed()) {
                        try (Socket s = listening.accept()) {
                            s.getOutputStream().write("hello\n".getBytes());
                        } catch (IOException e) {
                            return;
                        }
                    }
                });
                acceptor.setDaemon(true);
                acceptor.start();
            }
            String code = "import socket\ndef fetch(address, port):\n"
                    + "    with socket.create_connection((address, port), timeout=3) as s:\n"
                    + "        return s.recv(100).decode()\n";
            String address = host.getHostAddress();
            sandbox.define("offline_net", code, false);
            CallOutcome offline = call("offline_net", "fetch", args("address", address, "port", server.getLocalPort()));
            assertFalse(offline.ok(), "reached the host without a network grant");

            sandbox.define("online_net", code, true);
            CallOutcome online = call("online_net", "fetch", args("address", address, "port", server.getLocalPort()));
            assertTrue(online.ok(), () -> String.valueOf(online.error()) + " / " + sandbox.isolation().description());
            assertEquals("hello\n", online.result().asText());
            // Still no network for the offline module after the networked worker started.
            assertFalse(call("offline_net", "fetch", args("address", address, "port", server.getLocalPort())).ok());
            if (sandbox.isolation().description().contains("granted network through slirp4netns")) {
                // The host's loopback services are not part of the network a function is granted.
                assertFalse(call("online_net", "fetch", args("address", "127.0.0.1", "port", loopback.getLocalPort()))
                        .ok(), "reached the host's loopback");
            }
        }
    }

    @Test
    void withNetworkGrantedTheHostsAbstractSocketsAreOutOfReach() throws Exception {
        assumeTrue(sandbox.isolation().description().contains("granted network through slirp4netns"),
                sandbox.isolation().description());
        String name = "toolsmith-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        // Java cannot open abstract unix sockets; a real python3 on the host does, and says when it listens.
        Process listener = new ProcessBuilder(sandbox.pythonExecutable().toString(), "-I", "-c",
                "import socket, sys\ns = socket.socket(socket.AF_UNIX)\ns.bind('\\0' + sys.argv[1])\ns.listen(5)\n"
                        + "print('listening', flush=True)\nwhile True:\n    c, _ = s.accept()\n    c.sendall(b'host')\n"
                        + "    c.close()\n", name).redirectErrorStream(true).start();
        try {
            java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                    listener.getInputStream()));
            assertEquals("listening", lines.readLine());
            String code = "import socket\ndef knock(name):\n    s = socket.socket(socket.AF_UNIX)\n"
                    + "    s.settimeout(3)\n    s.connect('\\0' + name)\n    return s.recv(10).decode()\n";
            Process probe = new ProcessBuilder(sandbox.pythonExecutable().toString(), "-I", "-c",
                    code + "print(knock('" + name + "'))").redirectErrorStream(true).start();
            assertEquals("host", new String(probe.getInputStream().readAllBytes()).strip(),
                    "the socket is reachable on the host");
            sandbox.define("knocker", code, true);
            CallOutcome outcome = call("knocker", "knock", args("name", name));
            assertFalse(outcome.ok(), "reached the host's abstract socket: " + outcome.result());
            assertEquals("ConnectionRefusedError", outcome.error().name());
        } finally {
            listener.destroyForcibly();
        }
    }

    private static InetAddress hostAddress() throws IOException {
        for (java.net.NetworkInterface nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
                    if (address instanceof java.net.Inet4Address) {
                        return address;
                    }
                }
            }
        }
        return null;
    }

    @Test
    void allocatingFourGigabytesFailsAndTheNextCallWorks() throws Exception {
        sandbox.define("hog", "def hog():\n    block = bytearray(4 * 1024 ** 3)\n    return len(block)\n", false);
        CallOutcome outcome = call("hog", "hog", args());
        assertFalse(outcome.ok());
        assertTrue(outcome.error().name().equals("MemoryError") || outcome.error().name().equals("SandboxError"),
                outcome.error().name());
    }

    @Test
    void aForkBombIsContained() throws Exception {
        assumeTrue(sandbox.processLimitEnforced(), "no process limit can be applied here (root without a"
                + " writable pids cgroup); a fork bomb would reach the host's process table");
        sandbox.define("bomb", "import os, subprocess\ndef fork():\n    while True:\n        os.fork()\n"
                + "def spawn():\n    procs = []\n    while True:\n"
                + "        procs.append(subprocess.Popen(['sleep', '30']))\n",
                false);
        CallOutcome forked = call("bomb", "fork", args());
        assertFalse(forked.ok());
        CallOutcome spawned = call("bomb", "spawn", args());
        assertFalse(spawned.ok());
    }

    @Test
    void theWorkerCannotKillTheApp() throws Exception {
        long javaPid = ProcessHandle.current().pid();
        sandbox.define("killer", "import os, signal\ndef parent():\n    os.kill(os.getppid(), signal.SIGKILL)\n"
                + "    return os.getppid()\ndef app(pid):\n    os.kill(pid, signal.SIGKILL)\n    return 'sent'\n"
                + "def everyone():\n    for pid in range(1, 100):\n        try:\n            os.kill(pid, signal.SIGKILL)\n"
                + "        except OSError:\n            pass\n", false);
        call("killer", "parent", args());
        CallOutcome app = call("killer", "app", args("pid", javaPid));
        assertFalse(app.ok() && javaPid < 100, "the app's pid was reachable");
        call("killer", "everyone", args());
        assertTrue(ProcessHandle.current().isAlive());
    }

    @Test
    void theEnvironmentIsMinimal() throws Exception {
        sandbox.define("env", "import os\ndef env():\n    return sorted(os.environ)\ndef listing():\n"
                + "    return sorted(os.listdir('/'))\n", false);
        String env = call("env", "env", args()).result().toString();
        assertFalse(env.contains("JAVA") || env.contains("MAVEN") || env.contains("CLASSPATH"), env);
        String root = call("env", "listing", args()).result().toString();
        assertFalse(root.contains("\"work\"") || root.contains("\"farm\""), root);
        // The host home is absent, except for the path down to a Python installed under it (pyenv).
        Path home = Path.of(System.getProperty("user.home"));
        Path python = sandbox.pythonExecutable();
        String allowed = python.startsWith(home) ? home.relativize(python).getName(0).toString() : null;
        sandbox.define("homes", "import os\ndef entries(path):\n    try:\n        return os.listdir(path)\n"
                + "    except OSError:\n        return []\n", false);
        for (com.fasterxml.jackson.databind.JsonNode entry : call("homes", "entries", args("path", home.toString()))
                .result()) {
            assertEquals(allowed, entry.asText(), "visible in the host home: " + entry);
        }
    }

    @Test
    void inMemoryFileSystemsCannotBeFilledAndOnlyTheDataFolderIsWritable() throws Exception {
        sandbox.define("filler", String.join("\n",
                "import os",
                "def fill():",
                "    refused = {}",
                "    for path in ('/dev/shm/fill', os.path.expanduser('~/fill'), '/home/fill', '/fill', '/dev/fill',",
                "                 '/etc/fill'):",
                "        try:",
                "            with open(path, 'wb') as f:",
                "                f.write(b'x' * 1024)",
                "            refused[path] = 'written'",
                "        except OSError as e:",
                "            refused[path] = e.strerror",
                "    return refused",
                ""), false);
        CallOutcome outcome = call("filler", "fill", args());
        assertTrue(outcome.ok(), () -> String.valueOf(outcome.error()));
        outcome.result().fields().forEachRemaining(entry -> assertEquals("Read-only file system",
                entry.getValue().asText(), entry.getKey()));
        assertEquals(6, outcome.result().size());
    }

    @Test
    void tmpIsOnDiskOrBoundedAndEmptiedAfterEveryCall() throws Exception {
        sandbox.define("tmp_user", String.join("\n",
                "import os",
                "def leave():",
                "    os.makedirs('/tmp/left/deep')",
                "    with open('/tmp/left/deep/file', 'w') as f:",
                "        f.write('x')",
                "    os.chmod('/tmp/left/deep', 0o500)",
                "    os.symlink('/home/sandbox/data', '/tmp/link')",
                "    return sorted(os.listdir('/tmp'))",
                "def look():",
                "    return sorted(os.listdir('/tmp'))",
                ""), false);
        assertEquals("[\"left\",\"link\"]", call("tmp_user", "leave", args()).result().toString());
        assertEquals("[]", call("tmp_user", "look", args()).result().toString());
        // Emptying /tmp did not follow the link into the data folder.
        assertEquals("precious", Files.readString(data.resolve("keep.txt")));
    }

    @Test
    void noProcessOfTheSandboxLetsACallOpenTheProtocolPipesThroughProc() throws Exception {
        // bubblewrap's own init, when there is one, keeps the worker's pipes and is not protected like the worker:
        // the worker must be pid 1 itself, so that the only other process a call sees is the worker.
        sandbox.define("proc_probe", String.join("\n",
                "import os",
                "def reach():",
                "    me = os.getpid()",
                "    others = sorted(int(p) for p in os.listdir('/proc') if p.isdigit() and int(p) != me)",
                "    opened = []",
                "    for pid in others:",
                "        for path in ['/proc/%d/fd/%d' % (pid, fd) for fd in range(0, 64)] + ['/proc/%d/mem' % pid]:",
                "            for mode in (os.O_WRONLY, os.O_RDONLY):",
                "                try:",
                "                    os.close(os.open(path, mode))",
                "                    opened.append(path)",
                "                except OSError:",
                "                    pass",
                "    mine = sorted(int(fd) for fd in os.listdir('/proc/self/fd'))",
                "    return {'opened': opened, 'others': others, 'parent': os.getppid(), 'own': mine}",
                ""), false);
        CallOutcome outcome = call("proc_probe", "reach", args());
        assertTrue(outcome.ok(), () -> String.valueOf(outcome.error()));
        assertEquals("[]", outcome.result().get("opened").toString());
        assertEquals("[" + outcome.result().get("parent").asInt() + "]", outcome.result().get("others").toString(),
                "the worker is the only other process");
        assertEquals(1, outcome.result().get("parent").asInt(), "the worker is the sandbox's pid 1");
        // 0-3 and the descriptor listdir itself opens: the protocol pipes are not among them.
        assertEquals("[0,1,2,3,4]", outcome.result().get("own").toString());
    }
}
