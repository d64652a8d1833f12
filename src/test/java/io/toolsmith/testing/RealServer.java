package io.toolsmith.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real llama.cpp {@code llama-server} with a random-weights model of Qwen 2.5's shape, started by the scripts of
 * the real-server kit ({@code setup.sh} builds it once, {@code start.sh} starts it and waits until it answers).
 * The kit's folder is the system property {@code toolsmith.realServer.kit} (the {@code real-server} Maven profile
 * sets it), else {@code ../shared/real-server} next to the project. Each instance gets a free port.
 */
public final class RealServer implements AutoCloseable {
    /** The name the server lists for its one model (start.sh's {@code --alias}). */
    public static final String MODEL = "qwen2.5-0.5b-random";

    private final long pid;
    private final int port;

    private RealServer(long pid, int port) {
        this.pid = pid;
        this.port = port;
    }

    /** Starts a server with these extra llama-server arguments, e.g. {@code -n 256} or a grammar file. */
    public static RealServer start(String... arguments) throws IOException, InterruptedException {
        Path kit = kit();
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("bash", kit.resolve("start.sh").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PORT", String.valueOf(port));
        Process start = builder.start();
        String output = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!start.waitFor(3, TimeUnit.MINUTES) || start.exitValue() != 0) {
            throw new IllegalStateException("llama-server did not start (run " + kit.resolve("setup.sh")
                    + " first): " + output);
        }
        String[] lines = output.split("\n");
        return new RealServer(Long.parseLong(lines[lines.length - 1].strip()), port);
    }

    /** A file of the kit, such as {@code grammars/record_expense.gbnf}. */
    public static Path kitFile(String relative) {
        return kit().resolve(relative);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        var handle = ProcessHandle.of(pid);
        if (handle.isPresent()) {
            handle.get().destroy();
            handle.get().onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }

    private static Path kit() {
        String configured = System.getProperty("toolsmith.realServer.kit");
        Path kit = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of("").toAbsolutePath().resolve("../shared/real-server").normalize();
        if (!Files.isRegularFile(kit.resolve("start.sh"))) {
            throw new IllegalStateException("The real-server kit is not at " + kit
                    + "; set -Dtoolsmith.realServer.kit=DIR (see README, \"Tests against a real server\").");
        }
        return kit;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
