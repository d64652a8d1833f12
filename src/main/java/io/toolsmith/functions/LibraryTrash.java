package io.toolsmith.functions;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.util.AtomicFiles;
import io.toolsmith.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code functions/.trash/}: a deleted module folder is moved, untouched, to {@code .trash/<time>-<module>/<module>/}
 * beside a {@code deleted.json} naming the function the user deleted, so undo moves the same files back. The
 * leading dot keeps the trash out of the library's module list. Not thread-safe; {@link FunctionLibrary}
 * serializes access.
 */
final class LibraryTrash {
    private static final Logger LOG = LoggerFactory.getLogger(LibraryTrash.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final String NOTE = "deleted.json";

    private final Path dir;
    private final Path library;

    LibraryTrash(Path dir, Path library) {
        this.dir = dir;
        this.library = library;
    }

    Path dir() {
        return dir;
    }

    /** Moves the module folder to the trash, noting which function the user deleted. */
    void put(ModuleDir module, String function) throws IOException {
        Path entry = freshEntry(module.name());
        Files.createDirectories(entry);
        var note = Json.MAPPER.createObjectNode();
        note.put("function", function);
        note.put("module", module.name());
        note.put("deletedAt", Instant.now().toString());
        AtomicFiles.write(entry.resolve(NOTE), Json.MAPPER.writeValueAsBytes(note));
        try {
            Files.move(module.dir(), entry.resolve(module.name()), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(entry.resolve(NOTE));
            Files.deleteIfExists(entry);
            throw e;
        }
    }

    /**
     * Moves the newest trashed module of {@code function} back into the library, under its old folder name or,
     * when that is taken again, the next free {@code _2}, {@code _3} name. False when the trash holds none.
     */
    boolean restore(String function) throws IOException {
        Optional<Path> module = newestModuleOf(function);
        if (module.isEmpty()) {
            return false;
        }
        String name = module.get().getFileName().toString();
        Path target = library.resolve(name);
        for (int n = 2; Files.exists(target, LinkOption.NOFOLLOW_LINKS); n++) {
            target = library.resolve(name + "_" + n);
        }
        Path entry = module.get().getParent();
        Files.move(module.get(), target, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(entry.resolve(NOTE));
        Files.deleteIfExists(entry);
        return true;
    }

    /** The module folder of the newest trash entry whose note names {@code function}; odd entries are skipped. */
    private Optional<Path> newestModuleOf(String function) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        }
        for (Path entry : entries) {
            Optional<Path> module = moduleIn(entry, function);
            if (module.isPresent()) {
                return module;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> moduleIn(Path entry, String function) {
        try {
            JsonNode note = Json.MAPPER.readTree(Files.readString(entry.resolve(NOTE)));
            String module = note.path("module").asText("");
            // The folder name must be a plain module name, so a hand-edited note cannot point outside the trash.
            if (!function.equals(note.path("function").asText()) || !module.matches("[A-Za-z0-9_]+")) {
                return Optional.empty();
            }
            Path folder = entry.resolve(module);
            return Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) ? Optional.of(folder) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Skipping the unreadable trash entry {}", entry, e);
            return Optional.empty();
        }
    }

    private Path freshEntry(String module) {
        // The counter keeps two deletions within one millisecond apart and in order when sorted by name.
        String stamp = STAMP.format(Instant.now());
        Path entry = dir.resolve(stamp + "-01-" + module);
        for (int n = 2; Files.exists(entry, LinkOption.NOFOLLOW_LINKS); n++) {
            entry = dir.resolve(stamp + String.format("-%02d-", n) + module);
        }
        return entry;
    }
}
