package io.toolsmith.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that starts a class of the test class path in a JVM of its own. Such a JVM lives for seconds, so it
 * compiles with the quick compiler only and collects with the serial collector: the optimizing compiler's and the
 * parallel collector's threads cost it more CPU than they could save in that time. It maps its classes from a shared
 * archive ({@link SharedClassArchive}), which halves what its start costs.
 */
public final class TestJvm {
    private static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private TestJvm() {
    }

    public static List<String> command(String mainClass, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(OPTIONS);
        command.addAll(SharedClassArchive.options(java, OPTIONS));
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }
}
