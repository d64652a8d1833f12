package io.toolsmith.settings;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.toolsmith.util.AtomicFiles;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of the current settings and of {@code settings.json}. Readers take {@link #current()}, an immutable
 * snapshot (a turn takes one at its start and keeps it); a change is validated, written atomically and then
 * published in one step, so no reader sees half of it. A damaged file is kept aside and defaults are used, never
 * lost silently. Thread-safe.
 */
public final class SettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    /** Old spellings read through the enums' aliases; values no version knows read as the enum's default. */
    private static final ObjectReader READER = Json.MAPPER.readerFor(Settings.class)
            .with(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);
    private final Path file;
    private final AtomicReference<Settings> current;

    /** Reads the file (defaults when there is none). */
    public SettingsStore(Path file) {
        this(file, read(file));
    }

    /** Starts from the given settings; the file is written on the first change. */
    public SettingsStore(Path file, Settings initial) {
        this.file = file;
        this.current = new AtomicReference<>(initial.normalized());
    }

    public Path file() {
        return file;
    }

    /** The settings now: an immutable snapshot that later changes do not touch. */
    public Settings current() {
        return current.get();
    }

    /**
     * Applies a change, saves it and makes it current. Changes are serialized, so two at once cannot each start from
     * the same value and the later drop the earlier's change. Invalid values are refused with a sentence, and then
     * nothing changes, on disk or in memory.
     */
    public synchronized Settings update(UnaryOperator<Settings> change) throws UserFacingException {
        Settings next = change.apply(current.get()).normalized();
        write(next);
        current.set(next);
        return next;
    }

    /**
     * Takes up what another Toolsmith (e.g. {@code toolsmith settings set}) wrote to the file since; the settings in
     * memory stay when there is no file yet or it cannot be read.
     */
    public synchronized Settings reload() {
        if (Files.exists(file)) {
            try {
                Settings onDisk = READER.readValue(file.toFile());
                if (onDisk != null) {
                    current.set(onDisk.normalized());
                }
            } catch (IOException e) {
                // Being edited by hand, perhaps: the settings in use stay, and the next save writes a whole file.
                LOG.warn("{} could not be read again ({}); the settings in use are kept.", file, e.getMessage());
            }
        }
        return current.get();
    }

    /** Replaces the settings with these (validated and saved first). */
    public Settings save(Settings settings) throws UserFacingException {
        return update(old -> settings);
    }

    /** Reads settings.json as it is on disk; a missing file gives the defaults, a damaged one is moved aside. */
    public static Settings read(Path file) {
        if (!Files.exists(file)) {
            return Settings.defaults();
        }
        try {
            Settings settings = READER.readValue(file.toFile());
            return settings == null ? Settings.defaults() : settings.normalized();
        } catch (IOException e) {
            Path aside = file.resolveSibling("settings.damaged.json");
            LOG.warn("{} could not be read ({}); it was moved to {} and defaults are used.", file, e.getMessage(), aside);
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.warn("Could not move the damaged settings file aside: {}", moveFailed.getMessage());
            }
            return Settings.defaults();
        }
    }

    private void write(Settings settings) throws UserFacingException {
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
