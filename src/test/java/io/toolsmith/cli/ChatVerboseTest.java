package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chat --verbose}: how the request uses the window, and the server's own count of the prompt. */
class ChatVerboseTest {
    @TempDir
    Path home;

    @Test
    void verboseShowsTheBreakdownAndTheServersCount() {
        try (FakeOllama ollama = FakeOllama.start()) {
            ollama.setModels(new FakeModels.Model("qwen3:8b", "qwen3", List.of("completion"), 40_960, 1L));
            ollama.enqueueReply("Hello.");
            ollama.enqueueReply("Hello again.");
            String[] quiet = run(ollama, "chat", "--model", "qwen3:8b", "hi");
            String[] verbose = run(ollama, "chat", "--model", "qwen3:8b", "--verbose", "hi");

            assertEquals("0", quiet[0], quiet[2]);
            assertFalse(quiet[2].contains("Note:"), "nothing was held back, so nothing is said: " + quiet[2]);
            assertEquals("0", verbose[0], verbose[2]);
            assertTrue(verbose[2].matches("(?s).*Note: this request takes about [0-9,]+ of 8,192 tokens \\(instructions "
                    + "[0-9,]+, functions 0, chat [0-9,]+; 2,048 kept for the reply, [0-9,]+ free\\)\\. No functions are "
                    + "approved\\..*"), verbose[2]);
            // The stand-in reports 26 prompt tokens, as in Ollama's documentation.
            assertTrue(verbose[2].contains("Note: the server counted 26 prompt tokens of 8,192."), verbose[2]);
        }
    }

    private String[] run(FakeOllama ollama, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--home";
        all[1] = home.toString();
        all[2] = "--host";
        all[3] = ollama.url();
        System.arraycopy(args, 0, all, 4, args.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = ToolsmithCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new String[] {String.valueOf(cli.execute(all)), out.toString(), err.toString()};
    }
}
