package io.toolsmith.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.app.Engine;
import io.toolsmith.cli.ToolsmithCommand;
import io.toolsmith.llm.OllamaClient;
import io.toolsmith.llm.OpenAiCompatibleClient;
import io.toolsmith.protocol.Prompts;
import io.toolsmith.settings.ApiKeyStore;
import io.toolsmith.settings.Backend;
import io.toolsmith.settings.CallingMode;
import io.toolsmith.settings.Home;
import io.toolsmith.settings.InstructionMode;
import io.toolsmith.settings.Theme;
import io.toolsmith.settings.SettingsStore;
import io.toolsmith.ui.settings.SettingsForm;
import io.toolsmith.ui.settings.SettingsViewModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import io.toolsmith.util.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSettingsTest {
    @TempDir
    Path home;

    @Test
    void shippedPromptsAreShownAndSavedAsDefault() throws Exception {
        try (Engine engine = Engine.open(new Home(home), "http://127.0.0.1:1")) {
            // set from the command line while the window runs: the form shows it
            var onDisk = new SettingsStore(home.resolve("settings.json"));
            onDisk.update(s -> s.withMaxTokens(8192));
            EngineSettings gateway = new EngineSettings(engine);
            SettingsForm form = gateway.load();
            assertEquals(Prompts.functionCalling(), form.prompts().get("function-calling"));
            assertEquals("http://127.0.0.1:1", form.host());
            assertEquals(8192, form.settings().maxTokens());
            assertEquals(16, form.settings().maxCallsPerReply());

            Map<String, String> prompts = new HashMap<>(form.prompts());
            prompts.put("function-writing", "Write small functions.");
            gateway.save(new SettingsForm(form.settings().withDefaultModel("qwen3:8b").withNumCtx(4096)
                    .withTemperature(0.2).withTopP(0.8).withInstructionMode(InstructionMode.SYSTEM).withStepLimit(5)
                    .withSandboxTimeoutSeconds(20).withSandboxMemoryMb(256).withTheme(Theme.DARK).withMaxTokens(2048)
                    .withMaxCallsPerReply(4), "http://127.0.0.1:11434", prompts, form.dataFolder(), form.apiKey()));

            var saved = new SettingsStore(home.resolve("settings.json")).current();
            assertNull(saved.functionCallingPrompt(), "an unchanged prompt follows the shipped one");
            assertEquals("Write small functions.", saved.functionWritingPrompt());
            assertEquals(InstructionMode.SYSTEM, saved.instructionMode());
            assertTrue(Files.readString(home.resolve("settings.json")).contains("\"instructionMode\" : \"system\""),
                    "the file keeps the spelling older versions read");
            assertEquals(5, saved.stepLimit());
            assertNull(saved.dataFolder(), "the home's data folder is the default, not a setting");
            assertEquals("qwen3:8b", engine.settings().defaultModel(), "model options apply to the next turn");
            assertEquals(5, engine.settings().stepLimit());
            assertEquals(2048, saved.maxTokens());
            assertEquals(2048, engine.settings().maxTokens(), "the reply length limit applies to the next turn");
            assertEquals(4, saved.maxCallsPerReply());
            assertEquals(4, engine.settings().maxCallsPerReply());
            assertEquals("Write small functions.", gateway.load().prompts().get("function-writing"));
            assertEquals(Prompts.functionWriting(), gateway.defaultPrompt("function-writing"));
            assertEquals("http://127.0.0.1:11434", engine.backend().endpoint(), "a new server address applies at once");
            assertEquals("http://127.0.0.1:11434", saved.ollamaHost());
        }
    }

    @Test
    void invalidValuesAreRefusedWithASentenceAndTheFileIsKept() throws Exception {
        try (Engine engine = Engine.open(new Home(home), null)) {
            EngineSettings gateway = new EngineSettings(engine);
            SettingsForm form = gateway.load();
            UserFacingException e = assertThrows(UserFacingException.class, () -> gateway.save(new SettingsForm(
                    form.settings().withTemperature(5.0).withStepLimit(3), form.host(), form.prompts(),
                    form.dataFolder(), form.apiKey())));
            assertTrue(e.getMessage().contains("temperature"), e.getMessage());
            assertFalse(Files.exists(home.resolve("settings.json")), "nothing was written");
            assertEquals(8, engine.settings().stepLimit(), "nothing changed in memory either");
            gateway.save(form);
            assertNull(new SettingsStore(home.resolve("settings.json")).current().ollamaHost(),
                    "an address nobody typed keeps following OLLAMA_HOST and the default");
        }
    }

    @Test
    void switchingToAnOpenAiServerSavesItsAddressAndKeepsTheKeyOutOfSettingsJson() throws Exception {
        Path keyFile = home.resolve("secrets").resolve("openai-api-key");
        Home h = new Home(home);
        try (MockWebServer server = new MockWebServer();
             Engine engine = new Engine(h, new SettingsStore(h.settingsFile()), null, new ApiKeyStore(keyFile, false))) {
            server.start();
            String base = server.url("/").toString().replaceAll("/$", "");
            EngineSettings gateway = new EngineSettings(engine);
            SettingsForm form = gateway.load();
            assertEquals(Backend.OLLAMA, form.settings().backend());
            assertEquals(CallingMode.PROMPT, form.settings().callingMode());
            assertFalse(form.apiKey().stored());
            assertEquals(keyFile.toString(), form.apiKey().location(), "the dialog says where the key is kept");

            gateway.save(withServer(form, Backend.OPENAI, base,
                    new SettingsForm.ApiKey(keyFile.toString(), false, "sk-local-123", false), CallingMode.AUTO));

            String json = Files.readString(h.settingsFile());
            assertFalse(json.contains("sk-local-123"), json);
            var saved = new SettingsStore(h.settingsFile()).current();
            assertEquals(Backend.OPENAI, saved.backend());
            assertEquals(base, saved.openaiBaseUrl());
            assertEquals(CallingMode.AUTO, saved.callingMode());
            assertEquals("sk-local-123", Files.readString(keyFile).strip());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
            assertEquals(CallingMode.AUTO, engine.settings().callingMode(), "the calling mode applies to the next turn");

            OpenAiCompatibleClient client = assertInstanceOf(OpenAiCompatibleClient.class, engine.backend(),
                    "a new kind of server applies at once");
            assertEquals(base, client.endpoint());
            server.enqueue(models());
            assertEquals("qwen3-8b", client.listModels().get(0).name());
            RecordedRequest listed = server.takeRequest(5, TimeUnit.SECONDS);
            assertEquals("/v1/models", listed.getPath());
            assertEquals("Bearer sk-local-123", listed.getHeader("Authorization"), "the reconnected client has the key");

            SettingsForm reloaded = gateway.load();
            assertEquals(Backend.OPENAI, reloaded.settings().backend());
            assertEquals(base, reloaded.settings().openaiBaseUrl());
            assertTrue(reloaded.apiKey().stored());
            assertNull(reloaded.apiKey().replacement(), "the key itself never travels back to the dialog");

            gateway.save(reloaded);
            assertEquals("sk-local-123", Files.readString(keyFile).strip(), "an empty field keeps the stored key");

            gateway.save(withServer(reloaded, Backend.OPENAI, base,
                    new SettingsForm.ApiKey(keyFile.toString(), true, null, true), CallingMode.NATIVE));
            assertFalse(Files.exists(keyFile), "Forget key removes it");
            server.enqueue(models());
            engine.backend().listModels();
            assertNull(server.takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization"),
                    "the client built after forgetting sends no key");

            gateway.save(withServer(reloaded, Backend.OLLAMA, base, reloaded.apiKey(), CallingMode.PROMPT));
            assertInstanceOf(OllamaClient.class, engine.backend());
            assertEquals(Backend.OLLAMA, new SettingsStore(h.settingsFile()).current().backend());
        }
    }

    @Test
    void aServerChosenFromTheCommandLineWhileTheWindowRunsIsConnectedWhenTheDialogOpens() throws Exception {
        try (Engine engine = Engine.open(new Home(home), null)) {
            assertInstanceOf(OllamaClient.class, engine.backend());
            new SettingsStore(home.resolve("settings.json"))
                    .update(s -> s.withBackend(Backend.OPENAI).withOpenaiBaseUrl("http://127.0.0.1:9"));
            SettingsForm form = new EngineSettings(engine).load();
            assertEquals(Backend.OPENAI, form.settings().backend());
            assertEquals(Backend.OPENAI, engine.settings().backend(), "the next turn uses it");
            assertInstanceOf(OpenAiCompatibleClient.class, engine.backend(), "and the server it names");
            assertEquals("http://127.0.0.1:9", engine.backend().endpoint());
        }
    }

    /** OK writes what the user changed in the dialog onto the settings as they are then, not the whole form. */
    @Test
    void settingsSetOnTheCommandLineWhileTheDialogIsOpenAreKeptWhenItIsSaved() throws Exception {
        try (Engine engine = Engine.open(new Home(home), "http://127.0.0.1:1")) {
            EngineSettings gateway = new EngineSettings(engine);
            SettingsViewModel dialog = new SettingsViewModel();
            dialog.load(gateway.load());

            for (String[] set : new String[][] {{"maxTokens", "8192"}, {"stepLimit", "3"}, {"dataQuotaMb", "512"},
                    {"theme", "dark"}, {"topP", "0.5"}}) {
                var cli = ToolsmithCommand.newCommandLine();
                StringWriter err = new StringWriter();
                cli.setOut(new PrintWriter(new StringWriter(), true));
                cli.setErr(new PrintWriter(err, true));
                assertEquals(0, cli.execute("--home", home.toString(), "settings", "set", set[0], set[1]), err.toString());
            }
            dialog.temperature.set("0.2");
            dialog.stepLimit.set("5");
            gateway.save(dialog.validate().orElseThrow());

            var saved = new SettingsStore(home.resolve("settings.json")).current();
            assertEquals(0.2, saved.temperature(), "the dialog's change is saved");
            assertEquals(5, saved.stepLimit(), "a field changed in both places takes the dialog's value, saved last");
            assertEquals(8192, saved.maxTokens(), "a field the dialog shows but was not changed in it keeps the command's value");
            assertEquals(Theme.DARK, saved.theme());
            assertEquals(0.5, saved.topP(), "a default the dialog only showed is not written over the command's value");
            assertEquals(512, saved.dataQuotaMb(), "a field the dialog does not show keeps the command's value");
            assertEquals(saved, engine.settings(), "the next turn uses the merged settings");

            // the dialog opened again shows the merged settings, and saving it unchanged changes nothing
            SettingsViewModel again = new SettingsViewModel();
            again.load(gateway.load());
            assertEquals("8192", again.maxTokens.get());
            String file = Files.readString(home.resolve("settings.json"));
            gateway.save(again.validate().orElseThrow());
            assertEquals(file, Files.readString(home.resolve("settings.json")));
        }
    }

    private static SettingsForm withServer(SettingsForm f, Backend backend, String baseUrl,
                                           SettingsForm.ApiKey key, CallingMode calling) {
        return new SettingsForm(f.settings().withBackend(backend).withOpenaiBaseUrl(baseUrl).withCallingMode(calling),
                f.host(), f.prompts(), f.dataFolder(), key);
    }

    private static MockResponse models() {
        return new MockResponse().setHeader("Content-Type", "application/json")
                .setBody("{\"object\":\"list\",\"data\":[{\"id\":\"qwen3-8b\",\"object\":\"model\"}]}");
    }
}
