package io.toolsmith.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.testing.TestJvm;
import io.toolsmith.testing.TestPython;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app started under the C locale (no LANG, as CI and many root shells run it) still reads a data file named
 * {@code café.pkl}: it starts itself again with a UTF-8 character type. Runs a real child JVM of the real main class.
 */
class Utf8FileNamesTest {
    @TempDir
    Path home;

    @Test
    void underTheCLocaleTheAppRestartsItselfAndListsNonAsciiNames() throws Exception {
        Path data = Files.createDirectories(home.resolve("data"));
        // Written by Python with the name's exact UTF-8 bytes, whatever this JVM's own locale is.
        run(List.of(TestPython.executable(), "-S", "-c", "import sys\nopen(sys.argv[1].encode() + b'/caf\\xc3\\xa9.pkl', 'wb').write(b'x')",
                data.toString()), Map.of());

        Result plain = main(Map.of(Utf8FileNames.RESTARTED, "1"), "--home", home.toString(), "data", "list");
        Result restarted = main(Map.of(), "--home", home.toString(), "data", "list");

        // Without the restart the C locale cannot name the file: the listing stops with a sentence about it.
        assertTrue(plain.out().contains("not valid text in this system's encoding"), plain.out());
        assertEquals(0, restarted.code(), restarted.out());
        assertTrue(restarted.out().contains("café.pkl"), restarted.out());
        assertFalse(restarted.out().contains("not valid text"), restarted.out());
    }

    @Test
    void theLocaleIsChangedOnlyForTheCharacterTypeUnlessLcAllIsSet() {
        Map<String, String> env = new HashMap<>(Map.of("LANG", "de_DE.ISO-8859-1"));
        Utf8FileNames.utf8(env);
        assertEquals("C.UTF-8", env.get("LC_CTYPE"));
        assertEquals("de_DE.ISO-8859-1", env.get("LANG"), "dates and messages keep the user's locale");
        Map<String, String> all = new HashMap<>(Map.of("LC_ALL", "C"));
        Utf8FileNames.utf8(all);
        assertEquals("C.UTF-8", all.get("LC_ALL"));
    }

    private record Result(int code, String out) {
    }

    /** The real main class in a child JVM with no locale at all in its environment. */
    private static Result main(Map<String, String> extra, String... args) throws Exception {
        return run(TestJvm.command("io.toolsmith.Main", args), extra);
    }

    private static Result run(List<String> command, Map<String, String> extra) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_") || k.equals("LANGUAGE"));
        env.keySet().removeIf(k -> k.equals(Utf8FileNames.RESTARTED));
        env.putAll(extra);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child ended");
        return new Result(p.exitValue(), out);
    }
}
