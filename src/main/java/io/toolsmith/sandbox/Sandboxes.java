package io.toolsmith.sandbox;

import java.nio.file.Path;
import java.util.Locale;

/** Opens the sandbox backend the settings ask for. */
public final class Sandboxes {
    private Sandboxes() {
    }

    /**
     * @param dataDir the functions' data folder (their {@code ~/data})
     * @param workDir a folder the sandbox may use for its own files (worker script, logs)
     */
    public static Sandbox open(SandboxSettings settings, Path dataDir, Path workDir) throws SandboxException {
        String backend = settings.backend() == null ? "local" : settings.backend().toLowerCase(Locale.ROOT);
        return switch (backend) {
            case "local" -> LocalSandbox.open(settings, dataDir, workDir);
            case "microsandbox" -> MicrosandboxSandbox.open(settings, dataDir);
            default -> throw new SandboxException("The sandbox backend '" + settings.backend()
                    + "' is unknown; use local or microsandbox.");
        };
    }
}
