package io.toolsmith.ui.engine;

import io.toolsmith.app.Engine;
import io.toolsmith.app.PythonProbe;
import io.toolsmith.sandbox.Isolation;
import io.toolsmith.ui.window.SandboxInfo;
import io.toolsmith.util.UserFacingException;
import java.util.Locale;

/**
 * The status bar's sandbox line. Asking starts the sandbox (a worker process), so the first call of a chat
 * does not pay for it. When it cannot start because Python is missing, says what to install.
 * Blocking; background executor only.
 */
public final class EngineSandboxInfo implements SandboxInfo {
    private final Engine engine;

    EngineSandboxInfo(Engine engine) {
        this.engine = engine;
    }

    @Override
    public SandboxStatus status() throws UserFacingException {
        try {
            Isolation isolation = engine.sandbox().isolation();
            return new SandboxStatus(isolation.backend(), isolation.isolated() ? isolation.level() : "none",
                    isolation.description());
        } catch (UserFacingException e) {
            String python = engine.sandboxSettings().python();
            if (PythonProbe.probe(python).isEmpty()) {
                throw new UserFacingException("Functions cannot run: Python 3 (`" + python + "`) was not found. "
                        + installPython(System.getProperty("os.name", "")), e);
            }
            throw e;
        }
    }

    static String installPython(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return "Install it from https://www.python.org/downloads/ (or `brew install python`), then restart Toolsmith.";
        }
        if (os.contains("win")) {
            return "Install it from https://www.python.org/downloads/ and tick \"Add python.exe to PATH\", then restart Toolsmith.";
        }
        return "Install it with your package manager (for example `sudo apt install python3`), then restart Toolsmith.";
    }
}
