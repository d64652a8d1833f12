package io.toolsmith.ui.engine;

import io.toolsmith.app.Engine;
import io.toolsmith.llm.OllamaHost;
import io.toolsmith.protocol.Prompts;
import io.toolsmith.settings.ApiKeyStore;
import io.toolsmith.settings.Settings;
import io.toolsmith.settings.SettingsStore;
import io.toolsmith.ui.settings.SettingsForm;
import io.toolsmith.ui.settings.SettingsGateway;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * The settings dialog over settings.json. A prompt equal to the shipped one is saved as "default", so a
 * later version's prompt reaches the user. The API key never goes into settings.json: it is kept by the engine's
 * {@link ApiKeyStore}. Saved values are also copied into the running engine's settings, so model options,
 * prompts, the calling mode and the step limit apply to the next turn and a new server, address or key
 * reconnects at once; the sandbox and the data folder apply at the next start. Blocking; background executor only.
 */
public final class EngineSettings implements SettingsGateway {
    static final String CALLING = "function-calling";
    static final String WRITING = "function-writing";
    private final Engine engine;
    private final SettingsStore store;
    private final ApiKeyStore apiKeys;

    EngineSettings(Engine engine) {
        this.engine = engine;
        this.store = new SettingsStore(engine.home().settingsFile());
        this.apiKeys = engine.apiKeys();
    }

    @Override
    public SettingsForm load() {
        Settings s = store.load();
        String host = s.ollamaHost == null || s.ollamaHost.isBlank() ? ollamaAddressInUse() : s.ollamaHost;
        return new SettingsForm(host, s.defaultModel == null ? "" : s.defaultModel,
                s.numCtx == null ? 0 : s.numCtx, s.temperature == null ? 0.7 : s.temperature,
                s.topP == null ? 0.9 : s.topP,
                Map.of(CALLING, orDefault(s.functionCallingPrompt, CALLING), WRITING, orDefault(s.functionWritingPrompt, WRITING)),
                switch (s.instructionMode) {
                    case "system" -> SettingsForm.InstructionMode.SYSTEM;
                    case "first_user" -> SettingsForm.InstructionMode.FIRST_USER;
                    default -> SettingsForm.InstructionMode.AUTO;
                }, s.stepLimit,
                "microsandbox".equals(s.sandboxBackend) ? SettingsForm.SandboxBackend.MICROSANDBOX : SettingsForm.SandboxBackend.LOCAL,
                s.sandboxTimeoutSeconds, s.sandboxMemoryMb, s.sandboxNetworkDefault, s.microsandboxUrl,
                engine.dataFolder().toString(), s.theme,
                "openai".equals(s.backend) ? SettingsForm.Backend.OPENAI : SettingsForm.Backend.OLLAMA,
                s.openaiBaseUrl == null || s.openaiBaseUrl.isBlank() ? SettingsForm.DEFAULT_OPENAI_BASE_URL : s.openaiBaseUrl,
                SettingsForm.ApiKey.unchanged(apiKeys.location(), apiKeys.load().isPresent()),
                switch (s.callingMode) {
                    case "native" -> SettingsForm.CallingMode.NATIVE;
                    case "auto" -> SettingsForm.CallingMode.AUTO;
                    default -> SettingsForm.CallingMode.PROMPT;
                }, s.maxTokens, s.maxCallsPerReply);
    }

    /**
     * The Ollama address when none is set: the one connected to (which may come from --host), or, while another
     * kind of server answers, OLLAMA_HOST or the default.
     */
    private String ollamaAddressInUse() {
        return "openai".equals(engine.settings().backend)
                ? OllamaHost.resolve(null, System.getenv("OLLAMA_HOST")) : engine.backend().endpoint();
    }

    @Override
    public void save(SettingsForm form) throws UserFacingException {
        Settings s = store.load();
        String host = form.host() == null ? "" : form.host().strip();
        // The address shown came from OLLAMA_HOST or the default when none was set: keep following those.
        boolean unchanged = s.ollamaHost == null && host.equals(ollamaAddressInUse());
        s.ollamaHost = host.isEmpty() || unchanged ? null : host;
        s.backend = form.backend() == SettingsForm.Backend.OPENAI ? "openai" : "ollama";
        s.openaiBaseUrl = form.openaiBaseUrl() == null || form.openaiBaseUrl().isBlank()
                ? SettingsForm.DEFAULT_OPENAI_BASE_URL : form.openaiBaseUrl().strip();
        s.callingMode = switch (form.callingMode()) {
            case PROMPT -> "prompt";
            case NATIVE -> "native";
            case AUTO -> "auto";
        };
        s.defaultModel = form.defaultModel() == null || form.defaultModel().isBlank() ? null : form.defaultModel().strip();
        s.numCtx = form.contextLength() <= 0 ? null : form.contextLength(); // 0: automatic
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
        s.maxTokens = form.maxTokens();
        s.maxCallsPerReply = form.maxCallsPerReply();
        s.sandboxBackend = form.sandboxBackend() == SettingsForm.SandboxBackend.MICROSANDBOX ? "microsandbox" : "local";
        s.sandboxTimeoutSeconds = form.sandboxTimeoutSeconds();
        s.sandboxMemoryMb = form.sandboxMemoryMb();
        s.sandboxNetworkDefault = form.networkByDefault();
        s.microsandboxUrl = form.microsandboxUrl();
        s.dataFolder = form.dataFolder() == null || form.dataFolder().isBlank()
                || form.dataFolder().equals(engine.home().data().toString()) ? null : form.dataFolder();
        s.theme = form.theme();
        // Bad values, then the key: when either is refused, nothing has changed and the dialog says why.
        if (!s.problems().isEmpty()) {
            throw new UserFacingException(String.join(" ", s.problems()));
        }
        boolean keyChanged = saveApiKey(form.apiKey());
        store.save(s);
        applyToRunningEngine(s, keyChanged);
    }

    private boolean saveApiKey(SettingsForm.ApiKey key) throws UserFacingException {
        if (key.forget()) {
            try {
                apiKeys.clear();
            } catch (IOException e) {
                throw new UserFacingException("The API key in " + apiKeys.location() + " could not be removed ("
                        + e.getMessage() + "). Delete it by hand or try again.", e);
            }
            return true;
        }
        if (key.replacement() != null && !key.replacement().isBlank()) {
            apiKeys.save(key.replacement());
            return true;
        }
        return false;
    }

    private void applyToRunningEngine(Settings saved, boolean keyChanged) {
        Settings live = engine.settings();
        boolean moved = keyChanged || !Objects.equals(live.ollamaHost, saved.ollamaHost)
                || !Objects.equals(live.backend, saved.backend) || !Objects.equals(live.openaiBaseUrl, saved.openaiBaseUrl);
        synchronized (live) {
            live.backend = saved.backend;
            live.openaiBaseUrl = saved.openaiBaseUrl;
            live.callingMode = saved.callingMode;
            live.ollamaHost = saved.ollamaHost;
            live.defaultModel = saved.defaultModel;
            live.numCtx = saved.numCtx;
            live.temperature = saved.temperature;
            live.topP = saved.topP;
            live.functionCallingPrompt = saved.functionCallingPrompt;
            live.functionWritingPrompt = saved.functionWritingPrompt;
            live.instructionMode = saved.instructionMode;
            live.stepLimit = saved.stepLimit;
            live.maxTokens = saved.maxTokens;
            live.maxCallsPerReply = saved.maxCallsPerReply;
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
