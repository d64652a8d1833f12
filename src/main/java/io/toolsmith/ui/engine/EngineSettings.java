package io.toolsmith.ui.engine;

import io.toolsmith.app.Engine;
import io.toolsmith.llm.OllamaHost;
import io.toolsmith.protocol.Prompts;
import io.toolsmith.settings.ApiKeyStore;
import io.toolsmith.settings.Backend;
import io.toolsmith.settings.Settings;
import io.toolsmith.settings.SettingsChange;
import io.toolsmith.ui.settings.SettingsForm;
import io.toolsmith.ui.settings.SettingsGateway;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The settings dialog over the engine's settings. What it adapts: a prompt equal to the shipped one is saved as
 * "default" (so a later version's prompt reaches the user), an address or data folder equal to the one in use by
 * default is not pinned, and the API key goes to the engine's {@link ApiKeyStore}, never into settings.json. A saved
 * change is the engine's current settings at once, so it applies to the next turn; a new server, address or key
 * reconnects; the sandbox and the data folder apply at the next start. Saving writes only what the form changed since
 * it was loaded, onto the settings as they are then, so a {@code toolsmith settings set} made while the dialog was
 * open is kept. Blocking; background executor only.
 */
public final class EngineSettings implements SettingsGateway {
    static final String CALLING = "function-calling";
    static final String WRITING = "function-writing";
    private final Engine engine;
    private final ApiKeyStore apiKeys;
    /** The settings the form was loaded from: what it changed is measured against them. */
    private final AtomicReference<Settings> shown = new AtomicReference<>();

    EngineSettings(Engine engine) {
        this.engine = engine;
        this.apiKeys = engine.apiKeys();
    }

    @Override
    public SettingsForm load() {
        // the file may have been changed by `toolsmith settings set` while the window ran
        Settings before = engine.settings();
        Settings s = engine.settingsStore().reload();
        if (serverChanged(before, s)) {
            engine.reconnect();
        }
        shown.set(s);
        String host = s.ollamaHost() == null || s.ollamaHost().isBlank() ? ollamaAddressInUse(s) : s.ollamaHost();
        return new SettingsForm(s, host,
                Map.of(CALLING, orDefault(s.functionCallingPrompt(), CALLING),
                        WRITING, orDefault(s.functionWritingPrompt(), WRITING)),
                s.dataFolder() == null ? engine.dataFolder().toString() : s.dataFolder(),
                SettingsForm.ApiKey.unchanged(apiKeys.location(), apiKeys.load().isPresent()));
    }

    /**
     * The Ollama address when none is set: the one connected to (which may come from --host), or, while another
     * kind of server answers, OLLAMA_HOST or the default.
     */
    private String ollamaAddressInUse(Settings current) {
        return current.backend() == Backend.OPENAI
                ? OllamaHost.resolve(null, System.getenv("OLLAMA_HOST")) : engine.backend().endpoint();
    }

    @Override
    public void save(SettingsForm form) throws UserFacingException {
        Settings before = engine.settings();
        // a form saved without being loaded through here counts as loaded from the settings in use
        Settings loaded = Objects.requireNonNullElse(shown.get(), before);
        String host = form.host() == null ? "" : form.host().strip();
        // The address shown came from OLLAMA_HOST or the default when none was set: keep following those.
        boolean unchanged = loaded.ollamaHost() == null && host.equals(ollamaAddressInUse(loaded));
        String folder = form.dataFolder();
        Settings edited = form.settings()
                .withOllamaHost(host.isEmpty() || unchanged ? null : host)
                .withOpenaiBaseUrl(form.settings().openaiBaseUrl() == null || form.settings().openaiBaseUrl().isBlank()
                        ? Settings.DEFAULT_OPENAI_BASE_URL : form.settings().openaiBaseUrl().strip())
                .withFunctionCallingPrompt(unlessDefault(form.prompts().get(CALLING), CALLING))
                .withFunctionWritingPrompt(unlessDefault(form.prompts().get(WRITING), WRITING))
                .withDataFolder(folder == null || folder.isBlank() || folder.equals(engine.home().data().toString())
                        ? null : folder);
        // Bad values, then the key: when either is refused, nothing has changed and the dialog says why.
        if (!edited.problems().isEmpty()) {
            throw new UserFacingException(String.join(" ", edited.problems()));
        }
        boolean keyChanged = saveApiKey(form.apiKey());
        engine.settingsStore().reload();
        Settings saved = engine.settingsStore().update(SettingsChange.between(loaded, edited));
        shown.set(saved);
        if (keyChanged || serverChanged(before, saved)) {
            engine.reconnect();
        }
    }

    @Override
    public void saveTheme(io.toolsmith.settings.Theme theme) throws UserFacingException {
        engine.settingsStore().update(s -> s.withTheme(theme));
    }

    private static boolean serverChanged(Settings before, Settings now) {
        return before.backend() != now.backend() || !Objects.equals(before.ollamaHost(), now.ollamaHost())
                || !Objects.equals(before.openaiBaseUrl(), now.openaiBaseUrl());
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
