package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.llm.PullProgress;
import io.toolsmith.testing.FakeOllama;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code toolsmith pull NAME} against a stand-in Ollama. */
class PullCommandTest {
    private final FakeOllama ollama = FakeOllama.start();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stop() {
        ollama.close();
    }

    private int run(String... args) {
        CommandLine cli = ToolsmithCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void downloadsWithProgressAndSaysWhenReady() {
        ollama.enqueuePull(Duration.ZERO, 2_019_377_376L);

        int code = run("--host", ollama.url(), "pull", "llama3.2");

        assertEquals(0, code, err.toString());
        String text = out.toString();
        assertTrue(text.contains("pulling manifest"), text);
        assertTrue(text.contains("100%  2.02 GB / 2.02 GB"), text);
        assertTrue(text.endsWith("The model 'llama3.2' is ready." + System.lineSeparator()), text);
        assertEquals("llama3.2", ollama.pullRequests().get(0).get("model").asText());
    }

    @Test
    void unknownModelIsASentenceOnStderrWithExitCode1() {
        ollama.enqueuePullError("pull model manifest: file does not exist");

        int code = run("--host", ollama.url(), "pull", "nope");

        assertEquals(1, code);
        assertEquals("The model 'nope' is not in the Ollama library (pull model manifest: file does not exist). "
                + "Check the name at https://ollama.com/library." + System.lineSeparator(), err.toString());
    }

    @Test
    void ollamaNotRunningNamesTheHost() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        int code = run("--host", "127.0.0.1:" + port, "pull", "llama3.2");

        assertEquals(1, code);
        assertEquals("Ollama is not running at http://127.0.0.1:" + port + ". Start it with `ollama serve` and try "
                + "again." + System.lineSeparator(), err.toString());
    }

    @Test
    void progressLineShowsBarBytesAndSpeed() {
        AtomicLong now = new AtomicLong();
        StringWriter line = new StringWriter();
        PullProgressLine progress = new PullProgressLine(new PrintWriter(line), true, now::get);

        progress.show(new PullProgress("pulling dde5aa3fc5ff", "sha256:dde5", 2_000_000_000L, 0));
        now.set(1_000_000_000L);
        progress.show(new PullProgress("pulling dde5aa3fc5ff", "sha256:dde5", 2_000_000_000L, 500_000_000L));

        assertEquals("pulling dde5aa3fc5ff [██████░░░░░░░░░░░░░░░░░░]  25%  500 MB / 2.00 GB  500 MB/s",
                progress.render("pulling dde5aa3fc5ff", true));
        assertTrue(line.toString().startsWith("\rpulling dde5aa3fc5ff ["), line.toString());
    }
}
