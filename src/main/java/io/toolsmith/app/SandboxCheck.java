package io.toolsmith.app;

import io.toolsmith.sandbox.Isolation;
import io.toolsmith.util.UserFacingException;
import java.util.Locale;

/**
 * How the engine's functions are isolated, for a status line. Asking starts the sandbox (a worker process), so the
 * first call of a chat does not pay for it. When it cannot start because Python is missing, says what to install.
 * Blocking.
 */
public final class SandboxCheck {
    private SandboxCheck() {
    }

    public static Isolation isolation(Engine engine) throws UserFacingException {
        try {
            return engine.sandbox().isolation();
        } catch (UserFacingException e) {
            String python = engine.sandboxSettings().python();
            if (PythonProbe.missing(python)) {
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
