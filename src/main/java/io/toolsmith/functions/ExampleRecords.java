package io.toolsmith.functions;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.AtomicFiles;
import io.toolsmith.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A module's {@code tested.json}, beside its approval.json: for each function whose examples all passed, the hash
 * of the code and spec they passed on ({@link FunctionApproval#approvalHash()}'s form), when, and how many examples
 * ran. A function counts as tested only while its code and spec still have that hash, so any change makes it
 * "not tested" until its examples pass again. An unreadable file counts as nothing tested. Not thread-safe;
 * {@link FunctionLibrary} serializes access.
 */
final class ExampleRecords {
    static final String FILE = "tested.json";

    private ExampleRecords() {
    }

    /** The hash the function's examples last passed on, if they did. */
    static Optional<String> passedHash(ModuleDir module, String function) {
        return read(module).map(all -> all.path(function).path("hash").asText(null));
    }

    static void recordPassed(ModuleDir module, String function, String hash, int examples) throws IOException {
        ObjectNode all = read(module).orElseGet(Json.MAPPER::createObjectNode);
        ObjectNode entry = all.putObject(function);
        entry.put("hash", hash);
        entry.put("at", Instant.now().toString());
        entry.put("examples", examples);
        write(module, all);
    }

    /** Forgets a pass: the latest run of the examples failed, so it is no longer evidence. */
    static void forget(ModuleDir module, String function) throws IOException {
        Optional<ObjectNode> all = read(module);
        if (all.isPresent() && all.get().remove(function) != null) {
            write(module, all.get());
        }
    }

    private static Optional<ObjectNode> read(ModuleDir module) {
        Path file = module.dir().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Json.MAPPER.readTree(Files.readString(file)) instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void write(ModuleDir module, ObjectNode all) throws IOException {
        AtomicFiles.write(module.dir().resolve(FILE), Json.MAPPER.writer(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(all));
    }
}
