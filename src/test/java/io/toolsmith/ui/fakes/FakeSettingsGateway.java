package io.toolsmith.ui.fakes;

import io.toolsmith.settings.Settings;
import io.toolsmith.ui.settings.SettingsForm;
import io.toolsmith.ui.settings.SettingsGateway;
import java.util.Map;

/** Settings in memory. */
public final class FakeSettingsGateway implements SettingsGateway {
    public volatile SettingsForm current = new SettingsForm(Settings.defaults().withDefaultModel("gemma3:12b")
            .withSandboxMemoryMb(512), "http://127.0.0.1:11434",
            Map.of("function-calling", "You can call functions…", "function-writing", "Write Python…"),
            "/tmp/toolsmith-data", SettingsForm.ApiKey.unchanged("/tmp/toolsmith-home/secrets/openai-api-key", false));

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
