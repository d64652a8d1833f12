package io.toolsmith.cli;

import io.toolsmith.util.Json;
import io.toolsmith.util.ProcessRunner;
import io.toolsmith.util.UserFacingException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.time.Duration;

/**
 * Runs {@link UiBenchmark} in a new JVM started the way the app is launched (same JVM options,
 * same class path, and the class data sharing archive the {@code ./toolsmith} script uses next to
 * the jar, written by this run when there is none yet), so cold start counts from the process start to the first painted frame and
 * the resident memory is that of a process holding the window. The child prints its figures as
 * JSON on its last output line; its error output goes to ours. Blocks the calling thread.
 */
public final class WindowBenchmarkProcess {
    /** The hidden option that makes {@code bench ui} measure in its own JVM. */
    public static final String IN_PROCESS = "--in-process";
    public static final String STARTED_AT = "--started-at";
    private static final long WAIT_MINUTES = 5;
    private static final String MAIN_CLASS = "io.toolsmith.Main";

    private final int messages;
    private final int tokensPerSecond;
    private final int seconds;
    private final boolean debug;

    public WindowBenchmarkProcess(int messages, int tokensPerSecond, int seconds, boolean debug) {
        this.messages = messages;
        this.tokensPerSecond = tokensPerSecond;
        this.seconds = seconds;
        this.debug = debug;
    }

    public UiBenchResult run() throws UserFacingException {
        long startedAt = System.currentTimeMillis();
        List<String> command = command(startedAt);
        ProcessRunner.Result child;
        try {
            child = new ProcessRunner(command).errorsToTerminal().timeout(Duration.ofMinutes(WAIT_MINUTES)).run();
        } catch (IOException e) {
            throw new UserFacingException("Could not start the window to measure (" + e.getMessage()
                    + "). Check that Java can be started from " + command.get(0) + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserFacingException("The window benchmark was interrupted.", e);
        }
        if (child.timedOut()) {
            throw new UserFacingException("The measured window did not finish within " + WAIT_MINUTES
                    + " minutes and was stopped.");
        }
        String last = child.stdout().strip().lines().reduce((a, b) -> b).orElse("");
        if (child.exitCode() != 0 || !last.startsWith("{")) {
            throw new UserFacingException("The measured window stopped with exit code " + child.exitCode()
                    + "; its messages are above. Run it again with --debug for details.");
        }
        try {
            return Json.MAPPER.readValue(last, UiBenchResult.class);
        } catch (IOException e) {
            throw new UserFacingException("Could not read the figures of the measured window: " + e.getMessage(), e);
        }
    }

    /**
     * {@code java <launcher options> -cp <our class path> io.toolsmith.Main bench ui --in-process …};
     * in a packaged app, whose runtime has no {@code java} command, the app's own launcher, which
     * applies the same options itself.
     */
    List<String> command(long startedAt) {
        List<String> command = new ArrayList<>();
        Path java = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
        Optional<String> self = ProcessHandle.current().info().command();
        if (Files.isExecutable(java)) {
            command.add(java.toString());
            command.addAll(JvmOptions.launcher());
            String classPath = System.getProperty("java.class.path");
            if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
                command.add(JvmOptions.classDataSharing(Path.of(classPath).toAbsolutePath()));
            }
            command.add("-cp");
            command.add(classPath);
            command.add(MAIN_CLASS);
        } else if (self.isPresent()) {
            command.add(self.get());
        } else {
            throw new IllegalStateException("no Java command to start the measured window with");
        }
        if (debug) {
            command.add("--debug");
        }
        command.addAll(List.of("bench", "ui", IN_PROCESS, STARTED_AT, Long.toString(startedAt), "--json",
                "--messages", Integer.toString(messages), "--rate", Integer.toString(tokensPerSecond),
                "--seconds", Integer.toString(seconds)));
        return command;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }
}
