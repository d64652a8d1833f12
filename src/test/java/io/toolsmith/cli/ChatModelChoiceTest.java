package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toolsmith chat} chooses the model by the engine's one rule, the same as the window's picker. */
class ChatModelChoiceTest {
    @TempDir
    Path home;

    @Test
    void theSettingsDefaultIsUsedWhenInstalledAndPassedOverWithANoteWhenNot() {
        try (FakeOllama ollama = FakeOllama.start()) {
            ollama.setModels(FakeModels.Model.of("nomic-embed-text", "nomic-bert", "embedding"),
                    FakeModels.Model.of("qwen3:8b", "qwen3", "completion"),
                    FakeModels.Model.of("gemma3:12b", "gemma3", "completion"));
            assertEquals(0, run("settings", "set", "defaultModel", "gemma3:12b").exit);
            ollama.enqueueReply("Hello.");
            Result installed = run("--host", ollama.url(), "chat", "hello");
            assertEquals(0, installed.exit, installed.err);
            assertEquals("gemma3:12b", ollama.chatRequests().get(0).get("model").asText());

            assertEquals(0, run("settings", "set", "defaultModel", "llama3:70b").exit);
            ollama.enqueueReply("Hello again.");
            Result missing = run("--host", ollama.url(), "chat", "hello");
            assertEquals(0, missing.exit, missing.err);
            assertEquals("qwen3:8b", ollama.chatRequests().get(1).get("model").asText(),
                    "the first installed model that can chat, not the embedding model");
            assertTrue(missing.err.contains("The default model llama3:70b is not installed; using qwen3:8b instead."),
                    missing.err);
        }
    }

    private Result run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = ToolsmithCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Result(cli.execute(all), out.toString(), err.toString());
    }

    private record Result(int exit, String out, String err) {
    }
}
