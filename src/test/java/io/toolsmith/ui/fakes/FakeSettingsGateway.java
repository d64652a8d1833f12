package io.toolsmith.ui.fakes;

import io.toolsmith.ui.settings.SettingsForm;
import io.toolsmith.ui.settings.SettingsGateway;
import java.util.Map;

/** Settings in memory. */
public final class FakeSettingsGateway implements SettingsGateway {
    public volatile SettingsForm current = new SettingsForm("http://127.0.0.1:11434", "gemma3:12b", 8192, 0.7, 0.9,
            Map.of("function-calling", "You can call functions…", "function-writing", "Write Python…"),
            SettingsForm.InstructionMode.AUTO, 8, SettingsForm.SandboxBackend.LOCAL, 30, 512, false, null,
            "/tmp/toolsmith-data", "system", SettingsForm.Backend.OLLAMA, SettingsForm.DEFAULT_OPENAI_BASE_URL,
            SettingsForm.ApiKey.unchanged("/tmp/toolsmith-home/secrets/openai-api-key", false),
            SettingsForm.CallingMode.PROMPT);

    @Override
    public SettingsForm load() {
        return current;
    }

    @Override
    public void save(SettingsForm settings) {
        current = settings;
    }

    @Override
    public String defaultPrompt(String name) {
        return "Default " + name;
    }
}
