package io.toolsmith.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.app.Engine;
import io.toolsmith.llm.OllamaClient;
import io.toolsmith.llm.OpenAiCompatibleClient;
import io.toolsmith.protocol.Prompts;
import io.toolsmith.settings.ApiKeyStore;
import io.toolsmith.settings.Home;
import io.toolsmith.settings.SettingsStore;
import io.toolsmith.ui.settings.SettingsForm;
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
            var onDisk = new SettingsStore(home.resolve("settings.json")).load();
            onDisk.maxTokens = 8192;
            new SettingsStore(home.resolve("settings.json")).save(onDisk);
            EngineSettings gateway = new EngineSettings(engine);
            SettingsForm form = gateway.load();
            assertEquals(Prompts.functionCalling(), form.prompts().get("function-calling"));
            assertEquals("http://127.0.0.1:1", form.host());
            assertEquals(8192, form.maxTokens());
            assertEquals(16, form.maxCallsPerReply());

            Map<String, String> prompts = new HashMap<>(form.prompts());
            prompts.put("function-writing", "Write small functions.");
            gateway.save(new SettingsForm("http://127.0.0.1:11434", "qwen3:8b", 4096, 0.2, 0.8, prompts,
                    SettingsForm.InstructionMode.SYSTEM, 5, SettingsForm.SandboxBackend.LOCAL, 20, 256, false,
                    form.microsandboxUrl(), form.dataFolder(), "dark", form.backend(), form.openaiBaseUrl(),
                    form.apiKey(), form.callingMode(), 2048, 4));

            var saved = new SettingsStore(home.resolve("settings.json")).load();
            assertNull(saved.functionCallingPrompt, "an unchanged prompt follows the shipped one");
            assertEquals("Write small functions.", saved.functionWritingPrompt);
            assertEquals("system", saved.instructionMode);
            assertEquals(5, saved.stepLimit);
            assertNull(saved.dataFolder, "the home's data folder is the default, not a setting");
            assertEquals("qwen3:8b", engine.settings().defaultModel, "model options apply to the next turn");
            assertEquals(5, engine.settings().stepLimit);
            assertEquals(2048, saved.maxTokens);
            assertEquals(2048, engine.settings().maxTokens, "the reply length limit applies to the next turn");
            assertEquals(4, saved.maxCallsPerReply);
            assertEquals(4, engine.settings().maxCallsPerReply);
            assertEquals("Write small functions.", gateway.load().prompts().get("function-writing"));
            assertEquals(Prompts.functionWriting(), gateway.defaultPrompt("function-writing"));
            assertEquals("http://127.0.0.1:11434", engine.backend().endpoint(), "a new server address applies at once");
            assertEquals("http://127.0.0.1:11434", saved.ollamaHost);
        }
    }

    @Test
    void invalidValuesAreRefusedWithASentenceAndTheFileIsKept() throws Exception {
        try (Engine engine = Engine.open(new Home(home), null)) {
            EngineSettings gateway = new EngineSettings(engine);
            SettingsForm form = gateway.load();
            UserFacingException e = assertThrows(UserFacingException.class, () -> gateway.save(new SettingsForm(
                    form.host(), "", form.contextLength(), 5.0, form.topP(), form.prompts(), form.instructionMode(),
                    form.stepLimit(), form.sandboxBackend(), form.sandboxTimeoutSeconds(), form.sandboxMemoryMb(),
                    false, form.microsandboxUrl(), form.dataFolder(), "system")));
            assertTrue(e.getMessage().contains("temperature"), e.getMessage());
            assertEquals(8, new SettingsStore(home.resolve("settings.json")).load().stepLimit);
            gateway.save(form);
            assertNull(new SettingsStore(home.resolve("settings.json")).load().ollamaHost,
                    "an address nobody typed keeps following OLLAMA_HOST and the default");
        }
    }

    @Test
    void switchingToAnOpenAiServerSavesItsAddressAndKeepsTheKeyOutOfSettingsJson() throws Exception {
        Path keyFile = home.resolve("secrets").resolve("openai-api-key");
        Home h = new Home(home);
        try (MockWebServer server = new MockWebServer();
             Engine engine = new Engine(h, new SettingsStore(h.settingsFile()).load(), null, new ApiKeyStore(keyFile, false))) {
            server.start();
            String base = server.url("/").toString().replaceAll("/$", "");
            EngineSettings gateway = new EngineSettings(engine);
            SettingsForm form = gateway.load();
            assertEquals(SettingsForm.Backend.OLLAMA, form.backend());
            assertEquals(SettingsForm.CallingMode.PROMPT, form.callingMode());
            assertFalse(form.apiKey().stored());
            assertEquals(keyFile.toString(), form.apiKey().location(), "the dialog says where the key is kept");

            gateway.save(withServer(form, SettingsForm.Backend.OPENAI, base,
                    new SettingsForm.ApiKey(keyFile.toString(), false, "sk-local-123", false), SettingsForm.CallingMode.AUTO));

            String json = Files.readString(h.settingsFile());
            assertFalse(json.contains("sk-local-123"), json);
            var saved = new SettingsStore(h.settingsFile()).load();
            assertEquals("openai", saved.backend);
            assertEquals(base, saved.openaiBaseUrl);
            assertEquals("auto", saved.callingMode);
            assertEquals("sk-local-123", Files.readString(keyFile).strip());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
            assertEquals("auto", engine.settings().callingMode, "the calling mode applies to the next turn");

            OpenAiCompatibleClient client = assertInstanceOf(OpenAiCompatibleClient.class, engine.backend(),
                    "a new kind of server applies at once");
            assertEquals(base, client.endpoint());
            server.enqueue(models());
            assertEquals("qwen3-8b", client.listModels().get(0).name());
            RecordedRequest listed = server.takeRequest(5, TimeUnit.SECONDS);
            assertEquals("/v1/models", listed.getPath());
            assertEquals("Bearer sk-local-123", listed.getHeader("Authorization"), "the reconnected client has the key");

            SettingsForm reloaded = gateway.load();
            assertEquals(SettingsForm.Backend.OPENAI, reloaded.backend());
            assertEquals(base, reloaded.openaiBaseUrl());
            assertTrue(reloaded.apiKey().stored());
            assertNull(reloaded.apiKey().replacement(), "the key itself never travels back to the dialog");

            gateway.save(reloaded);
            assertEquals("sk-local-123", Files.readString(keyFile).strip(), "an empty field keeps the stored key");

            gateway.save(withServer(reloaded, SettingsForm.Backend.OPENAI, base,
                    new SettingsForm.ApiKey(keyFile.toString(), true, null, true), SettingsForm.CallingMode.NATIVE));
            assertFalse(Files.exists(keyFile), "Forget key removes it");
            server.enqueue(models());
            engine.backend().listModels();
            assertNull(server.takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization"),
                    "the client built after forgetting sends no key");

            gateway.save(withServer(reloaded, SettingsForm.Backend.OLLAMA, base, reloaded.apiKey(),
                    SettingsForm.CallingMode.PROMPT));
            assertInstanceOf(OllamaClient.class, engine.backend());
            assertEquals("ollama", new SettingsStore(h.settingsFile()).load().backend);
        }
    }

    private static SettingsForm withServer(SettingsForm f, SettingsForm.Backend backend, String baseUrl,
                                           SettingsForm.ApiKey key, SettingsForm.CallingMode calling) {
        return new SettingsForm(f.host(), f.defaultModel(), f.contextLength(), f.temperature(), f.topP(), f.prompts(),
                f.instructionMode(), f.stepLimit(), f.sandboxBackend(), f.sandboxTimeoutSeconds(), f.sandboxMemoryMb(),
                f.networkByDefault(), f.microsandboxUrl(), f.dataFolder(), f.theme(), backend, baseUrl, key, calling,
                f.maxTokens(), f.maxCallsPerReply());
    }

    private static MockResponse models() {
        return new MockResponse().setHeader("Content-Type", "application/json")
                .setBody("{\"object\":\"list\",\"data\":[{\"id\":\"qwen3-8b\",\"object\":\"model\"}]}");
    }
}
