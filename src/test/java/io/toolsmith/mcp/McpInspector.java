package io.toolsmith.mcp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.toolsmith.settings.Home;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The official MCP Inspector's command line ({@code @modelcontextprotocol/inspector --cli}) from npm, installed once
 * into a cache folder ({@code TOOLSMITH_MCP_INSPECTOR}, else {@code ~/.cache/toolsmith-mcp-inspector}; {@code .ci/run}
 * installs it there). 0.15.0 is the last release that runs on Node 18, Debian bookworm's. Tests that need it are
 * skipped, saying why, when Node, npm or the package cannot be had.
 */
public final class McpInspector {
    static final String VERSION = "0.15.0";

    private final Path cli;

    private McpInspector(Path cli) {
        this.cli = cli;
    }

    public static McpInspector installedOrSkip() throws Exception {
        String configured = System.getenv("TOOLSMITH_MCP_INSPECTOR");
        Path cache = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "toolsmith-mcp-inspector");
        Path cli = cache.resolve("node_modules/@modelcontextprotocol/inspector/cli/build/index.js");
        assumeTrue(works("node", "--version"), "Skipped: Node.js is not installed (apt-get install nodejs npm), so "
                + "the MCP Inspector cannot run.");
        if (!Files.isRegularFile(cli)) {
            assumeTrue(works("npm", "--version"), "Skipped: npm is not installed, so the MCP Inspector cannot be "
                    + "installed into " + cache + ".");
            Files.createDirectories(cache);
            Result install = run(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", cache.toString(),
                    "@modelcontextprotocol/inspector@" + VERSION), 600);
            assumeTrue(install.exit == 0 && Files.isRegularFile(cli), "Skipped: the MCP Inspector could not be "
                    + "installed from npm into " + cache + " (no network?): " + install.output);
        }
        return new McpInspector(cli);
    }

    private static boolean works(String... command) {
        try {
            return run(List.of(command), 60).exit == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /**
     * Runs the Inspector's CLI against a fresh {@code toolsmith mcp} for {@code home} with the given method. The
     * program is started directly: {@code inspector --cli} only starts a second Node.js with it and the same
     * arguments, which cost each call a third of a second of processor time.
     */
    public Result call(Home home, String... method) throws Exception {
        // --no-opt: V8's optimizing compiler costs a run that lasts a second more than it saves (0.65 s of processor
        // time against 0.54 s, measured on its help screen)
        List<String> command = new ArrayList<>(List.of("node", "--no-opt", cli.toString()));
        command.addAll(McpHome.command(home));
        command.addAll(List.of(method));
        return run(command, 300);
    }

    public record Result(int exit, String output) {
    }

    private static Result run(List<String> command, int seconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("inspector", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return new Result(-1, "timed out after " + seconds + " s: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
