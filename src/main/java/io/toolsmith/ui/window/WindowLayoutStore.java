package io.toolsmith.ui.window;

import io.toolsmith.util.AtomicFiles;
import io.toolsmith.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the {@link WindowLayout} file. Losing it only costs the window's place, so a missing or damaged
 * file reads as {@link WindowLayout#NONE} and a failed write is logged, never shown. Small and fast enough to be
 * called on the FX thread at start and at close.
 */
public final class WindowLayoutStore {
    private static final Logger LOG = LoggerFactory.getLogger(WindowLayoutStore.class);
    private final Path file;

    public WindowLayoutStore(Path file) {
        this.file = file;
    }

    /** A store that keeps nothing, for windows built without a home (tests with fake services, the benchmark). */
    public static WindowLayoutStore none() {
        return new WindowLayoutStore(null);
    }

    public WindowLayout load() {
        if (file == null || !Files.isRegularFile(file)) {
            return WindowLayout.NONE;
        }
        try {
            WindowLayout read = Json.MAPPER.readValue(file.toFile(), WindowLayout.class);
            return read == null ? WindowLayout.NONE : read;
        } catch (IOException | RuntimeException e) {
            LOG.warn("The window's layout in {} could not be read ({}); the default layout is used", file, e.getMessage());
            return WindowLayout.NONE;
        }
    }

    public void save(WindowLayout layout) {
        if (file == null) {
            return;
        }
        try {
            AtomicFiles.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(layout));
        } catch (IOException | RuntimeException e) {
            LOG.warn("The window's layout could not be saved to {}: {}", file, e.getMessage());
        }
    }
}
