package io.toolsmith.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that starts a class of the test class path in a JVM of its own. Such a JVM lives for seconds, so it
 * compiles with the quick compiler only and collects with the serial collector: the optimizing compiler's and the
 * parallel collector's threads cost it more CPU than they could save in that time.
 */
public final class TestJvm {
    private TestJvm() {
    }

    public static List<String> command(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }
}
