package io.toolsmith.settings;

import io.toolsmith.util.AtomicFiles;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads and saves {@code settings.json}. A damaged file is kept aside and defaults are used, never lost silently. */
public final class SettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    public Settings load() {
        if (!Files.exists(file)) {
            return new Settings();
        }
        try {
            Settings settings = Json.MAPPER.readValue(file.toFile(), Settings.class);
            return settings == null ? new Settings() : settings;
        } catch (IOException e) {
            Path aside = file.resolveSibling("settings.damaged.json");
            LOG.warn("{} could not be read ({}); it was moved to {} and defaults are used.", file, e.getMessage(), aside);
            try {
                Files.move(file, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.warn("Could not move the damaged settings file aside: {}", moveFailed.getMessage());
            }
            return new Settings();
        }
    }

    /** Saves the settings if they are valid; otherwise says what is wrong and keeps the file as it was. */
    public void save(Settings settings) throws UserFacingException {
        var problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new UserFacingException(String.join(" ", problems));
        }
        try {
            AtomicFiles.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(settings));
        } catch (IOException e) {
            throw new UserFacingException("The settings could not be saved to " + file + ": " + e.getMessage()
                    + ". Check that the disk is not full and the folder is writable.", e);
        }
    }
}
