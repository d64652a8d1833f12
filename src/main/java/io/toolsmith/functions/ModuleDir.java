package io.toolsmith.functions;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.AtomicFiles;
import io.toolsmith.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One module folder: {@code code.py}, {@code <function>.spec.json}, {@code approval.json} and
 * {@code versions/<n>/} snapshots of code and specs. Not thread-safe; {@link FunctionLibrary} serializes access.
 */
final class ModuleDir {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ModuleDir.class);
    static final String CODE = "code.py";
    static final String SPEC_SUFFIX = ".spec.json";
    static final String APPROVAL = "approval.json";
    static final String ANALYSIS = "analysis.json";

    private final Path dir;

    ModuleDir(Path dir) {
        this.dir = dir;
    }

    String name() {
        return dir.getFileName().toString();
    }

    Path dir() {
        return dir;
    }

    Optional<String> code() {
        return read(dir.resolve(CODE));
    }

    void writeCode(String code) throws IOException {
        AtomicFiles.writeString(dir.resolve(CODE), code);
    }

    /** Spec file texts by function name, in name order. */
    Map<String, String> specTexts() {
        return specTexts(dir);
    }

    Optional<ObjectNode> spec(String function) {
        return read(dir.resolve(function + SPEC_SUFFIX)).map(ModuleDir::parse);
    }

    void writeSpec(String function, ObjectNode spec) throws IOException {
        AtomicFiles.writeString(dir.resolve(function + SPEC_SUFFIX), specText(spec));
    }

    /** Writes a spec file's text as it was stored before (a rollback), so its hash is the one approved then. */
    void writeSpecText(String function, String text) throws IOException {
        AtomicFiles.writeString(dir.resolve(function + SPEC_SUFFIX), text);
    }

    void deleteSpec(String function) throws IOException {
        Files.deleteIfExists(dir.resolve(function + SPEC_SUFFIX));
    }

    static String specText(ObjectNode spec) {
        try {
            return Json.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(spec) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An unreadable approval.json counts as no decisions: nothing in the module runs until approved again. */
    ApprovalFile approvals() {
        return read(dir.resolve(APPROVAL)).map(text -> {
            try {
                return Json.MAPPER.readValue(text, ApprovalFile.class);
            } catch (IOException e) {
                LOG.warn("The approvals in {} cannot be read; treating its functions as not approved",
                        dir.resolve(APPROVAL), e);
                return ApprovalFile.empty();
            }
        }).orElseGet(ApprovalFile::empty);
    }

    void writeApprovals(ApprovalFile approvals) throws IOException {
        AtomicFiles.write(dir.resolve(APPROVAL),
                Json.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(approvals));
    }

    /** The analysis stored for the code with this hash, if any (so listing needs no Python). */
    Optional<CodeAnalysis> cachedAnalysis(String codeSha) {
        return read(dir.resolve(ANALYSIS)).flatMap(text -> {
            try {
                var node = Json.MAPPER.readTree(text);
                if (!codeSha.equals(node.path("codeSha256").asText())
                        || node.path("analyzerVersion").asInt() != CodeAnalysis.VERSION) {
                    return Optional.empty();
                }
                return Optional.of(Json.MAPPER.treeToValue(node.get("analysis"), CodeAnalysis.class));
            } catch (IOException | IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    void writeAnalysis(String codeSha, CodeAnalysis analysis) throws IOException {
        var node = Json.MAPPER.createObjectNode();
        node.put("codeSha256", codeSha);
        node.put("analyzerVersion", CodeAnalysis.VERSION);
        node.set("analysis", Json.MAPPER.valueToTree(analysis));
        AtomicFiles.write(dir.resolve(ANALYSIS), Json.MAPPER.writeValueAsBytes(node));
    }

    /** The newest snapshot number, 0 when none was taken yet. */
    int currentVersion() {
        Path versions = dir.resolve("versions");
        if (!Files.isDirectory(versions)) {
            return 0;
        }
        try (Stream<Path> list = Files.list(versions)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+"))
                    .mapToInt(Integer::parseInt).max().orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the current code and specs to {@code versions/<n+1>/} and returns n+1. */
    int snapshot() throws IOException {
        return snapshot(currentVersion() + 1);
    }

    /**
     * Records the current code and specs as version {@code next}; used with the current number to complete a
     * version nobody has decided on yet (a spec arriving after its code), so versions count real revisions.
     */
    int snapshot(int next) throws IOException {
        Path target = dir.resolve("versions").resolve(Integer.toString(next));
        Files.createDirectories(target);
        Optional<String> code = code();
        if (code.isPresent()) {
            AtomicFiles.writeString(target.resolve(CODE), code.get());
        }
        for (var spec : specTexts().entrySet()) {
            AtomicFiles.writeString(target.resolve(spec.getKey() + SPEC_SUFFIX), spec.getValue());
        }
        return next;
    }

    /** The numbers of the stored versions, oldest first. */
    java.util.List<Integer> versionNumbers() {
        Path versions = dir.resolve("versions");
        if (!Files.isDirectory(versions)) {
            return java.util.List.of();
        }
        try (Stream<Path> list = Files.list(versions)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{1,9}"))
                    .map(Integer::parseInt).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** When version {@code version} was stored: the time its folder was last written. */
    java.time.Instant versionTime(int version) {
        try {
            return Files.getLastModifiedTime(dir.resolve("versions").resolve(Integer.toString(version))).toInstant();
        } catch (IOException e) {
            return java.time.Instant.EPOCH;
        }
    }

    /** Spec file texts of one stored version, by function name. */
    Map<String, String> versionSpecTexts(int version) {
        return specTexts(dir.resolve("versions").resolve(Integer.toString(version)));
    }

    Optional<String> versionCode(int version) {
        return read(dir.resolve("versions").resolve(Integer.toString(version)).resolve(CODE));
    }

    Optional<String> versionSpec(int version, String function) {
        return read(dir.resolve("versions").resolve(Integer.toString(version)).resolve(function + SPEC_SUFFIX));
    }

    private static Map<String, String> specTexts(Path folder) {
        Map<String, String> specs = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            return specs;
        }
        try (Stream<Path> list = Files.list(folder)) {
            list.filter(p -> p.getFileName().toString().endsWith(SPEC_SUFFIX)).sorted(Comparator.naturalOrder())
                    .forEach(p -> {
                        String file = p.getFileName().toString();
                        specs.put(file.substring(0, file.length() - SPEC_SUFFIX.length()), read(p).orElse(""));
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return specs;
    }

    static ObjectNode parse(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text);
        } catch (IOException | ClassCastException e) {
            return null;
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
