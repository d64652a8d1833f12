package io.toolsmith.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.util.Json;
import io.toolsmith.util.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real Python behind a command such as {@code python3}: launchers like pyenv shims are scripts
 * that cannot run inside the sandbox, so the worker is started with the interpreter they lead to,
 * and the folders it lives in are the only ones besides /usr made visible. The app's other Python processes
 * (the code analysis) start that interpreter too: a shim costs a shell and pyenv's own lookup at every start,
 * several times the interpreter's start (about 0.4 s against 0.07 s of processor time on the build machine). The
 * analysis starts after the sandbox opened, which asked already.
 */
public record PythonInstallation(Path executable, List<Path> prefixes, String version) {

    private static final Map<String, PythonInstallation> RESOLVED = new ConcurrentHashMap<>();

    private static final String PROBE = "import json, sys; print(json.dumps({'executable': sys.executable,"
            + " 'prefixes': [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix],"
            + " 'version': sys.version.split()[0]}))";

    /**
     * The installation behind {@code command}, asked once per run of the app and remembered while its interpreter
     * is still there (another command is asked on its own).
     */
    public static PythonInstallation of(String command) throws SandboxException {
        PythonInstallation known = known(command);
        if (known != null) {
            return known;
        }
        PythonInstallation found = find(command);
        RESOLVED.put(command, found);
        return found;
    }

    /**
     * The interpreter behind {@code command} when {@link #of} found it already (the sandbox asks when it opens), else
     * the command itself. It never starts Python: a caller with a shorter timeout of its own (the code analysis)
     * must not wait for this one, and a command that does not work says so when the caller starts it.
     */
    public static String executableOf(String command) {
        PythonInstallation known = known(command);
        return known != null ? known.executable().toString() : command;
    }

    /** What {@link #of} found for {@code command}, while its interpreter is still there; else null. */
    private static PythonInstallation known(String command) {
        PythonInstallation known = RESOLVED.get(command);
        return known != null && Files.isExecutable(known.executable()) ? known : null;
    }

    static PythonInstallation find(String command) throws SandboxException {
        return find(command, Duration.ofSeconds(20));
    }

    static PythonInstallation find(String command, Duration timeout) throws SandboxException {
        String output;
        try {
            // Run to its end or the timeout: a Python that hangs (a broken site module, say) must not hang the app.
            ProcessRunner.Result result = new ProcessRunner(command, "-I", "-c", PROBE).mergeErrors()
                    .timeout(timeout).run();
            output = result.stdout().trim();
            if (result.timedOut()) {
                throw new SandboxException("Python (" + command + ") did not answer within " + timeout.toSeconds()
                        + (timeout.toSeconds() == 1 ? " second" : " seconds") + ". Check that `" + command + " --version` "
                        + "answers in a terminal, then restart Toolsmith.");
            }
            if (result.exitCode() != 0) {
                throw new SandboxException("Python (" + command + ") did not start properly: " + lastLine(output)
                        + ". Check that `" + command + "` starts in a terminal, then restart Toolsmith.");
            }
        } catch (IOException e) {
            // there is no setting for it: the sandbox runs the `python3` on the PATH
            throw new SandboxException("Python was not found (" + command + "). Install Python 3, then restart "
                    + "Toolsmith.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Starting Python was interrupted.", e);
        }
        try {
            JsonNode node = Json.MAPPER.readTree(lastLine(output));
            Set<Path> prefixes = new LinkedHashSet<>();
            node.get("prefixes").forEach(p -> prefixes.add(Path.of(p.asText()).toAbsolutePath().normalize()));
            Path executable = Path.of(node.get("executable").asText());
            return new PythonInstallation(executable, List.copyOf(prefixes), node.get("version").asText());
        } catch (IOException | RuntimeException e) {
            throw new SandboxException("Python (" + command + ") answered in an unexpected way: " + lastLine(output)
                    + ". Check that `" + command + "` is Python 3, then restart Toolsmith.", e);
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\\R");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }
}
