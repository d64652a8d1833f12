package io.toolsmith.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.app.Engine;
import io.toolsmith.protocol.Prompts;
import io.toolsmith.settings.Home;
import io.toolsmith.settings.SettingsStore;
import io.toolsmith.ui.settings.SettingsForm;
import io.toolsmith.util.UserFacingException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSettingsTest {
    @TempDir
    Path home;

    @Test
    void shippedPromptsAreShownAndSavedAsDefault() throws Exception {
        try (Engine engine = Engine.open(new Home(home), "http://127.0.0.1:1")) {
            EngineSettings gateway = new EngineSettings(engine);
            SettingsForm form = gateway.load();
            assertEquals(Prompts.functionCalling(), form.prompts().get("function-calling"));
            assertEquals("http://127.0.0.1:1", form.host());

            Map<String, String> prompts = new HashMap<>(form.prompts());
            prompts.put("function-writing", "Write small functions.");
            gateway.save(new SettingsForm("http://127.0.0.1:11434", "qwen3:8b", 4096, 0.2, 0.8, prompts,
                    SettingsForm.InstructionMode.SYSTEM, 5, SettingsForm.SandboxBackend.LOCAL, 20, 256, false,
                    form.microsandboxUrl(), form.dataFolder(), "dark"));

            var saved = new SettingsStore(home.resolve("settings.json")).load();
            assertNull(saved.functionCallingPrompt, "an unchanged prompt follows the shipped one");
            assertEquals("Write small functions.", saved.functionWritingPrompt);
            assertEquals("system", saved.instructionMode);
            assertEquals(5, saved.stepLimit);
            assertNull(saved.dataFolder, "the home's data folder is the default, not a setting");
            assertEquals("qwen3:8b", engine.settings().defaultModel, "model options apply to the next turn");
            assertEquals(5, engine.settings().stepLimit);
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
}
