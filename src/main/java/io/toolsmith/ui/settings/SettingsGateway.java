package io.toolsmith.ui.settings;

import io.toolsmith.util.UserFacingException;

/**
 * Seam to the engine's settings: load, save (atomically), and the shipped text of a prompt for
 * "Reset". Blocking: called on the background executor; failures are
 * {@link io.toolsmith.util.UserFacingException}s with a sentence.
 */
public interface SettingsGateway {
    SettingsForm load() throws UserFacingException;

    void save(SettingsForm settings) throws UserFacingException;

    /** Keeps the look chosen with the window's Light/Dark button, leaving every other setting as it is. */
    default void saveTheme(io.toolsmith.settings.Theme theme) throws UserFacingException {
        SettingsForm current = load();
        save(new SettingsForm(current.settings().withTheme(theme), current.host(), current.prompts(),
                current.dataFolder(), current.apiKey()));
    }

    /** The prompt as shipped with the app, for the Reset button. */
    String defaultPrompt(String name) throws UserFacingException;
}
