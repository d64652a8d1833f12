package io.toolsmith.testing;

import io.toolsmith.sandbox.PythonInstallation;

/**
 * The tests' real python3, started as its interpreter rather than through a launcher script: a pyenv shim runs a
 * shell and pyenv's own lookup at every start, several times Python's own start, and the tests start Python
 * hundreds of times. Asked once per test JVM, as the app asks once per run.
 */
public final class TestPython {
    private TestPython() {
    }

    public static String executable() {
        return PythonInstallation.executableOf("python3");
    }
}
