package io.toolsmith.ui.settings;

import io.toolsmith.settings.Settings;
import java.util.Map;
import java.util.Objects;

/**
 * What the settings dialog edits: the engine's {@link Settings} and what the dialog shows besides them.
 *
 * @param settings   the settings as they are (on load) or as edited (on save)
 * @param host       the Ollama address shown: the one set, else the one connected to
 * @param prompts    the text of each editable prompt by name (the shipped text when none is set)
 * @param dataFolder the data folder shown: the one set, else the home's
 * @param apiKey     where the OpenAI-compatible server's key is kept, and what saving does to it
 */
public record SettingsForm(Settings settings, String host, Map<String, String> prompts, String dataFolder,
                           ApiKey apiKey) {
    /** The temperature and top-p shown when none is set (the server's defaults then apply). */
    public static final double DEFAULT_TEMPERATURE = 0.7;
    public static final double DEFAULT_TOP_P = 0.9;

    public SettingsForm {
        settings = Objects.requireNonNull(settings);
        prompts = Map.copyOf(prompts);
        apiKey = Objects.requireNonNullElse(apiKey, ApiKey.unchanged("", false));
    }

    /**
     * The API key of the OpenAI-compatible server. The key itself is never part of the settings file: on load
     * this says only where keys are kept and whether one is stored; on save, {@code replacement} is a new key to
     * store (null keeps the stored one) and {@code forget} removes the stored key.
     */
    public record ApiKey(String location, boolean stored, String replacement, boolean forget) {
        public static ApiKey unchanged(String location, boolean stored) {
            return new ApiKey(location, stored, null, false);
        }

        public boolean changes() {
            return forget || replacement != null;
        }

        /** Never prints the key, so it cannot reach a log. */
        @Override
        public String toString() {
            return "ApiKey[location=" + location + ", stored=" + stored + ", replacement="
                    + (replacement == null ? "none" : "(hidden)") + ", forget=" + forget + "]";
        }
    }
}
