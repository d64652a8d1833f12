package io.toolsmith.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the JVM read file names as UTF-8 whatever the locale. Java 17 takes the encoding of file names
 * ({@code sun.jnu.encoding}) from the locale when it starts and cannot be told otherwise ({@code -Dsun.jnu.encoding}
 * is ignored); under the {@code C} or {@code POSIX} locale (no {@code LANG}, as in many containers and root shells)
 * it is ASCII, and a data file named {@code café.pkl} cannot even be named, so calls and undo stop on it. The only
 * way is the locale of the process itself: on Linux, started under a locale whose names are not UTF-8, the app
 * starts itself once more with {@code LC_CTYPE} (or {@code LC_ALL}, when that is what is set) as {@code C.UTF-8},
 * which changes how names and text are read and nothing else, and passes its exit code on. The {@code toolsmith}
 * script sets the same before Java starts, so that start costs nothing.
 */
public final class Utf8FileNames {
    /** Set in the restarted process, so that a system without a {@code C.UTF-8} locale is not restarted again. */
    static final String RESTARTED = "TOOLSMITH_UTF8_RESTARTED";
    private static final String LOCALE = "C.UTF-8";

    private Utf8FileNames() {
    }

    /** Whether this JVM reads and writes file names as UTF-8. */
    public static boolean active() {
        String jnu = System.getProperty("sun.jnu.encoding", "");
        return Charset.isSupported(jnu) && Charset.forName(jnu).equals(StandardCharsets.UTF_8);
    }

    /**
     * Runs the app again in a UTF-8 locale when it is needed and possible; the restarted process's exit code, or
     * empty when this process should go on (names are UTF-8 already, not Linux, restarted already, or the restart
     * could not start).
     */
    public static Optional<Integer> restartIfNeeded(String mainClass, String[] args) {
        if (active() || !System.getProperty("os.name", "").startsWith("Linux") || System.getenv(RESTARTED) != null) {
            return Optional.empty();
        }
        ProcessBuilder builder = new ProcessBuilder(command(mainClass, args)).inheritIO();
        utf8(builder.environment());
        try {
            Process child = builder.start();
            while (true) {
                try {
                    return Optional.of(child.waitFor());
                } catch (InterruptedException e) {
                    // the child gets the same signals from the terminal; wait for it to end
                }
            }
        } catch (IOException e) {
            return Optional.empty(); // go on as is: names outside ASCII are refused with a sentence then
        }
    }

    /**
     * This process's own command line when the system tells it (a packaged launcher, a short {@code java} line);
     * else (Linux gives Java only the first 4 KiB of it, less than a long class path) this JVM's {@code java}
     * with the app's class path, its usual options and the same arguments.
     */
    static List<String> command(String mainClass, String[] args) {
        ProcessHandle.Info self = ProcessHandle.current().info();
        List<String> command = new ArrayList<>();
        if (self.command().isPresent() && self.arguments().isPresent()) {
            command.add(self.command().get());
            command.addAll(List.of(self.arguments().get()));
            return command;
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** The options every launcher gives the JVM (one a line, {@code #} comments). */
    private static List<String> jvmOptions() {
        try (InputStream in = Utf8FileNames.class.getResourceAsStream("/io/toolsmith/jvm.options")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Sets a UTF-8 character type in {@code env}, leaving every other part of the locale as it is. */
    static void utf8(Map<String, String> env) {
        env.put(RESTARTED, "1");
        if (env.containsKey("LC_ALL") && !env.get("LC_ALL").isEmpty()) {
            env.put("LC_ALL", LOCALE); // it overrides LC_CTYPE
        } else {
            env.put("LC_CTYPE", LOCALE);
        }
    }
}
