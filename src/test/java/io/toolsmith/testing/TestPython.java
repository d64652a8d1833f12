package io.toolsmith.testing;

import io.toolsmith.sandbox.PythonInstallation;
import io.toolsmith.sandbox.SandboxException;

/**
 * The tests' real python3, started as its interpreter rather than through a launcher script: a pyenv shim runs a
 * shell and pyenv's own lookup at every start, several times Python's own start, and the tests start Python
 * hundreds of times. Asked once per test JVM, as the app asks once per run. The tests' own scripts need only the
 * standard library, so they start it with {@code -S}: without the site module, which reads site-packages and runs
 * every {@code .pth} file there (on a pyenv install, more than half of a start's processor time).
 */
public final class TestPython {
    private TestPython() {
    }

    public static String executable() {
        try {
            return PythonInstallation.of("python3").executable().toString();
        } catch (SandboxException e) {
            return "python3"; // the test that starts it then says what is wrong
        }
    }
}
