package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The three launchers of the app start the JVM with the same options. */
class JvmOptionsTest {

    @Test
    void resourceHoldsBoundedHeapOptions() {
        List<String> options = JvmOptions.launcher();
        assertTrue(options.stream().anyMatch(o -> o.startsWith("-Xmx")), options::toString);
        assertTrue(options.stream().allMatch(o -> o.startsWith("-")), options::toString);
    }

    @Test
    void launcherScriptUsesTheSameOptions() throws IOException {
        String script = Files.readString(Path.of("toolsmith")).replace("\\\n", " ");
        String exec = script.lines().filter(l -> l.strip().startsWith("exec java")).findFirst().orElseThrow();
        List<String> words = List.of(exec.strip().split("\\s+"));
        List<String> options = new ArrayList<>(words.subList(2, words.indexOf("-jar")));
        assertEquals("\"$cds\"", options.remove(options.size() - 1), "the class data sharing option comes last");
        assertEquals(JvmOptions.launcher(), options);
    }

    @Test
    void packagedLauncherUsesTheSameOptions() throws IOException {
        String xml = Files.readString(Path.of("packaging", "jpackage.xml"));
        Matcher m = Pattern.compile("<arg value=\"--java-options\"/><arg value=\"([^\"]+)\"/>").matcher(xml);
        List<String> options = new ArrayList<>();
        while (m.find()) {
            options.add(m.group(1));
        }
        assertEquals(JvmOptions.launcher(), options);
    }

    @Test
    void parseSkipsCommentsAndBlankLines() {
        assertEquals(List.of("-Xmx1g", "-Dx=y"), JvmOptions.parse(List.of("# heap", "", "  -Xmx1g ", "-Dx=y")));
    }
}
