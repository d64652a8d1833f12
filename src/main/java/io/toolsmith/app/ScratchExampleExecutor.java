package io.toolsmith.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.functions.ExampleExecutor;
import io.toolsmith.functions.ExampleResult;
import io.toolsmith.sandbox.CallOutcome;
import io.toolsmith.sandbox.Sandbox;
import io.toolsmith.sandbox.SandboxSettings;
import io.toolsmith.sandbox.Sandboxes;
import io.toolsmith.util.Cancellation;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs a function's examples before approval in a sandbox of its own whose data folder is a copy of the
 * real one: the user sees real results and the real data is never touched. Everything is deleted on close.
 */
public final class ScratchExampleExecutor implements ExampleExecutor, AutoCloseable {
    private final SandboxSettings settings;
    private final Path realData;
    private Path scratch;
    private Sandbox sandbox;
    private final Map<String, String> defined = new HashMap<>();

    public ScratchExampleExecutor(SandboxSettings settings, Path realData) {
        this.settings = settings;
        this.realData = realData;
    }

    @Override
    public ExampleResult run(String module, String code, String function, JsonNode arguments) throws Exception {
        Sandbox box = sandbox();
        if (!code.equals(defined.get(module))) {
            box.define(module, code, false);
            defined.put(module, code);
        }
        CallOutcome outcome = box.call("try-" + function, module, function, arguments, new Cancellation());
        return outcome.ok()
                ? new ExampleResult(true, outcome.result(), null, null)
                : new ExampleResult(false, null, outcome.error().name(), outcome.error().message());
    }

    private Sandbox sandbox() throws Exception {
        if (sandbox == null) {
            scratch = Files.createTempDirectory("toolsmith-try");
            Path data = scratch.resolve("data");
            copyTree(realData, data);
            sandbox = Sandboxes.open(settings, data, scratch.resolve("work"));
        }
        return sandbox;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return;
        }
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public void close() {
        if (sandbox != null) {
            sandbox.close();
        }
        if (scratch != null) {
            try (var paths = Files.walk(scratch)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                org.slf4j.LoggerFactory.getLogger(ScratchExampleExecutor.class)
                        .warn("The scratch folder {} could not be removed: {}", scratch, e.getMessage());
            }
        }
    }
}
