package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.settings.Home;
import io.toolsmith.settings.Backend;
import io.toolsmith.settings.Settings;
import io.toolsmith.settings.SettingsStore;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.testing.FakeOpenAiServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor}'s server line: no model is a failure, and the advice speaks of the server in use. */
class DoctorServerTest {
    @TempDir
    Path home;

    @Test
    void anOpenAiServerWithoutModelsFailsWithAdviceForThatServer() throws Exception {
        Settings settings = Settings.defaults().withBackend(Backend.OPENAI);
        new SettingsStore(new Home(home).settingsFile()).save(settings);
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            String[] result = doctor(server.url());
            String line = serverLine(result[1]);
            assertEquals("1", result[0], result[1]);
            assertTrue(line.startsWith("FAIL  Model server: OpenAI-compatible server at " + server.url()), line);
            assertTrue(line.contains("llama-server -m MODEL.gguf"), line);
            assertFalse(line.toLowerCase().contains("ollama"), line);

            server.setModelsBody("{\"object\":\"list\",\"data\":[{\"id\":\"qwen2.5-0.5b\",\"object\":\"model\"}]}");
            line = serverLine(doctor(server.url())[1]);
            assertTrue(line.startsWith("ok    Model server: OpenAI-compatible server at " + server.url()
                    + ", 1 model: qwen2.5-0.5b"), line);
        }
    }

    @Test
    void ollamaWithoutModelsIsAFailureToo() {
        try (FakeOllama ollama = FakeOllama.start()) {
            ollama.setModels();
            String[] result = doctor(ollama.url());
            String line = serverLine(result[1]);
            assertEquals("1", result[0]);
            assertTrue(line.startsWith("FAIL  Model server: Ollama 0.33.0 at "), line);
            assertTrue(line.contains("ollama pull gemma3:12b"), line);
        }
    }

    private String[] doctor(String host) {
        StringWriter out = new StringWriter();
        var cli = ToolsmithCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        int exit = cli.execute("--home", home.toString(), "--host", host, "doctor");
        return new String[] {String.valueOf(exit), out.toString()};
    }

    private static String serverLine(String output) {
        return output.lines().filter(l -> l.contains("Model server")).findFirst().orElse("no server line in: " + output);
    }
}
