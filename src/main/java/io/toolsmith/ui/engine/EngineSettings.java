package io.toolsmith.ui.engine;

import io.toolsmith.app.Engine;
import io.toolsmith.protocol.Prompts;
import io.toolsmith.settings.Settings;
import io.toolsmith.settings.SettingsStore;
import io.toolsmith.ui.settings.SettingsForm;
import io.toolsmith.ui.settings.SettingsGateway;
import io.toolsmith.util.UserFacingException;
import java.util.Map;

/**
 * The settings dialog over settings.json. A prompt equal to the shipped one is saved as "default", so a
 * later version's prompt reaches the user. Saved values are also copied into the running engine's settings,
 * so model options, prompts and the step limit apply to the next turn; the server address, the sandbox and
 * the data folder apply at the next start. Blocking; background executor only.
 */
public final class EngineSettings implements SettingsGateway {
    static final String CALLING = "function-calling";
    static final String WRITING = "function-writing";
    private final Engine engine;
    private final SettingsStore store;

    EngineSettings(Engine engine) {
        this.engine = engine;
        this.store = new SettingsStore(engine.home().settingsFile());
    }

    @Override
    public SettingsForm load() {
        Settings s = store.load();
        String host = s.ollamaHost == null || s.ollamaHost.isBlank() ? engine.backend().endpoint() : s.ollamaHost;
        return new SettingsForm(host, s.defaultModel == null ? "" : s.defaultModel,
                s.numCtx == null ? 8192 : s.numCtx, s.temperature == null ? 0.7 : s.temperature,
                s.topP == null ? 0.9 : s.topP,
                Map.of(CALLING, orDefault(s.functionCallingPrompt, CALLING), WRITING, orDefault(s.functionWritingPrompt, WRITING)),
                switch (s.instructionMode) {
                    case "system" -> SettingsForm.InstructionMode.SYSTEM;
                    case "first_user" -> SettingsForm.InstructionMode.FIRST_USER;
                    default -> SettingsForm.InstructionMode.AUTO;
                }, s.stepLimit,
                "microsandbox".equals(s.sandboxBackend) ? SettingsForm.SandboxBackend.MICROSANDBOX : SettingsForm.SandboxBackend.LOCAL,
                s.sandboxTimeoutSeconds, s.sandboxMemoryMb, s.sandboxNetworkDefault, s.microsandboxUrl,
                engine.dataFolder().toString(), s.theme);
    }

    @Override
    public void save(SettingsForm form) throws UserFacingException {
        Settings s = store.load();
        String host = form.host() == null ? "" : form.host().strip();
        // The address shown came from OLLAMA_HOST or the default when none was set: keep following those.
        boolean unchanged = s.ollamaHost == null && host.equals(engine.backend().endpoint());
        s.ollamaHost = host.isEmpty() || unchanged ? null : host;
        s.defaultModel = form.defaultModel() == null || form.defaultModel().isBlank() ? null : form.defaultModel().strip();
        s.numCtx = form.contextLength();
        s.temperature = form.temperature();
        s.topP = form.topP();
        s.functionCallingPrompt = unlessDefault(form.prompts().get(CALLING), CALLING);
        s.functionWritingPrompt = unlessDefault(form.prompts().get(WRITING), WRITING);
        s.instructionMode = switch (form.instructionMode()) {
            case SYSTEM -> "system";
            case FIRST_USER -> "first_user";
            case AUTO -> "auto";
        };
        s.stepLimit = form.stepLimit();
        s.sandboxBackend = form.sandboxBackend() == SettingsForm.SandboxBackend.MICROSANDBOX ? "microsandbox" : "local";
        s.sandboxTimeoutSeconds = form.sandboxTimeoutSeconds();
        s.sandboxMemoryMb = form.sandboxMemoryMb();
        s.sandboxNetworkDefault = form.networkByDefault();
        s.microsandboxUrl = form.microsandboxUrl();
        s.dataFolder = form.dataFolder() == null || form.dataFolder().isBlank()
                || form.dataFolder().equals(engine.home().data().toString()) ? null : form.dataFolder();
        s.theme = form.theme();
        store.save(s);
        applyToRunningEngine(s);
    }

    private void applyToRunningEngine(Settings saved) {
        Settings live = engine.settings();
        boolean moved = !java.util.Objects.equals(live.ollamaHost, saved.ollamaHost);
        synchronized (live) {
            live.ollamaHost = saved.ollamaHost;
            live.defaultModel = saved.defaultModel;
            live.numCtx = saved.numCtx;
            live.temperature = saved.temperature;
            live.topP = saved.topP;
            live.functionCallingPrompt = saved.functionCallingPrompt;
            live.functionWritingPrompt = saved.functionWritingPrompt;
            live.instructionMode = saved.instructionMode;
            live.stepLimit = saved.stepLimit;
            live.theme = saved.theme;
        }
        if (moved) {
            engine.reconnect();
        }
    }

    @Override
    public String defaultPrompt(String name) throws UserFacingException {
        return switch (name) {
            case CALLING -> Prompts.functionCalling();
            case WRITING -> Prompts.functionWriting();
            default -> throw new UserFacingException("There is no shipped prompt called " + name + ".");
        };
    }

    private String orDefault(String text, String name) {
        try {
            return text == null || text.isBlank() ? defaultPrompt(name) : text;
        } catch (UserFacingException e) {
            return "";
        }
    }

    private String unlessDefault(String text, String name) throws UserFacingException {
        return text == null || text.isBlank() || text.strip().equals(defaultPrompt(name).strip()) ? null : text;
    }
}
