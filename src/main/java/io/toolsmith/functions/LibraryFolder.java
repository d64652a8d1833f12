package io.toolsmith.functions;

import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The functions folder as a set of modules: finds where a function lives, where new code or a new spec goes,
 * and reads a function's state. Code analyses are cached by code hash in memory and beside the code, so
 * listing needs Python only for code edited by hand. Not thread-safe; {@link FunctionLibrary} serializes access.
 */
final class LibraryFolder {
    private static final Logger LOG = LoggerFactory.getLogger(LibraryFolder.class);
    private static final Pattern DEF_LINE = Pattern.compile("^(?:async\\s+)?def\\s+([A-Za-z_]\\w*)\\s*\\(", Pattern.MULTILINE);

    private final Path root;
    private final PythonAnalyzer analyzer;
    private final Map<String, CodeAnalysis> analyses = new HashMap<>();

    LibraryFolder(Path root, PythonAnalyzer analyzer) {
        this.root = root;
        this.analyzer = analyzer;
    }

    List<ModuleDir> modules() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(root)) {
            return list.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.naturalOrder()).map(ModuleDir::new).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root, e);
        }
    }

    CodeAnalysis analyzeStrictly(String code) throws UserFacingException {
        String sha = Hashes.sha256(code);
        CodeAnalysis cached = analyses.get(sha);
        if (cached == null) {
            cached = analyzer.analyze(code);
            analyses.put(sha, cached);
        }
        return cached;
    }

    /** Never fails: without Python, function names come from a scan of {@code def} lines. */
    Optional<CodeAnalysis> analysisOf(ModuleDir module) {
        Optional<String> code = module.code();
        if (code.isEmpty()) {
            return Optional.empty();
        }
        String sha = Hashes.sha256(code.get());
        CodeAnalysis known = analyses.get(sha);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<CodeAnalysis> stored = module.cachedAnalysis(sha);
        if (stored.isPresent()) {
            analyses.put(sha, stored.get());
            return stored;
        }
        try {
            CodeAnalysis fresh = analyzeStrictly(code.get());
            module.writeAnalysis(sha, fresh);
            return Optional.of(fresh);
        } catch (UserFacingException | IOException e) {
            LOG.warn("Could not analyse {}; listing its functions from def lines", module.dir(), e);
            return Optional.of(scanDefLines(code.get()));
        }
    }

    private static CodeAnalysis scanDefLines(String code) {
        List<CodeAnalysis.FunctionInfo> functions = new ArrayList<>();
        Matcher m = DEF_LINE.matcher(code);
        while (m.find()) {
            int line = (int) code.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            functions.add(new CodeAnalysis.FunctionInfo(m.group(1), line, List.of(), null, null, true, line, 0));
        }
        return new CodeAnalysis(null, functions, null, null, null, false, false, null, null);
    }

    /**
     * Public functions the code defines, then functions that only have a spec. A spec file for a private helper
     * ({@code _name.spec.json}, written by hand or by an older version) is not a function of the library.
     */
    List<String> functionNames(ModuleDir module) {
        Set<String> names = new LinkedHashSet<>(codeNames(module));
        module.specTexts().keySet().stream().filter(name -> !SpecValidator.isPrivate(name)).forEach(names::add);
        names.removeAll(module.approvals().deleted());
        return List.copyOf(names);
    }

    private List<String> codeNames(ModuleDir module) {
        return analysisOf(module).map(a -> a.publicFunctions().stream().map(CodeAnalysis.FunctionInfo::name).toList())
                .orElse(List.of());
    }

    /**
     * The module whose code defines {@code name}, else one that holds only its spec; never a private helper,
     * never a function the user deleted.
     */
    Optional<ModuleDir> locate(String name) {
        if (SpecValidator.isPrivate(name)) {
            return Optional.empty();
        }
        return locateWithDeleted(name).filter(m -> !m.approvals().deleted().contains(name));
    }

    /** Like {@link #locate} but also finds a function the user deleted from a module that lives on. */
    Optional<ModuleDir> locateWithDeleted(String name) {
        List<ModuleDir> modules = modules();
        return modules.stream().filter(m -> codeNames(m).contains(name)).findFirst()
                .or(() -> modules.stream().filter(m -> m.specTexts().containsKey(name)).findFirst());
    }

    /** Public functions a code block defines, without storing it. */
    List<String> definedFunctions(String code) throws UserFacingException {
        return analyzeStrictly(code).publicFunctions().stream().map(CodeAnalysis.FunctionInfo::name).toList();
    }

    /** Where a code block defining {@code names} goes: the module defining most of them, else a new one. */
    ModuleDir moduleForCode(List<String> names) {
        ModuleDir best = null;
        long bestOverlap = 0;
        for (ModuleDir module : modules()) {
            long overlap = codeNames(module).stream().filter(names::contains).count();
            if (overlap > bestOverlap) {
                best = module;
                bestOverlap = overlap;
            }
        }
        if (best != null) {
            return best;
        }
        return modules().stream().filter(m -> m.code().isEmpty())
                .filter(m -> m.specTexts().keySet().stream().anyMatch(names::contains)).findFirst()
                .orElseGet(() -> newModule(names.get(0)));
    }

    /** A spec joins the function even when it was deleted: a new spec from the model brings it back. */
    ModuleDir moduleForSpec(String name) {
        return locateWithDeleted(name).orElseGet(() -> newModule(name));
    }

    /** Moves specs for {@code names} that were waiting without code into {@code module}. */
    void adoptOrphanSpecs(ModuleDir module, List<String> names) throws IOException {
        for (ModuleDir other : modules()) {
            if (other.dir().equals(module.dir()) || other.code().isPresent()) {
                continue;
            }
            for (String name : names) {
                var spec = other.spec(name);
                if (spec.isPresent() && !module.specTexts().containsKey(name)) {
                    module.writeSpec(name, spec.get());
                    other.deleteSpec(name);
                }
            }
            if (other.specTexts().isEmpty()) {
                deleteTree(other.dir());
            }
        }
    }

    FunctionState state(ModuleDir module, String name) {
        Optional<CodeAnalysis> analysis = analysisOf(module);
        boolean defines = analysis.map(a -> a.function(name).isPresent()).orElse(false);
        String specText = module.specTexts().get(name);
        ApprovalFile approvals = module.approvals();
        return new FunctionState(module, name, defines ? module.code().orElse(null) : null,
                defines ? analysis.get() : null, specText == null ? null : ModuleDir.parse(specText),
                specText == null ? null : Hashes.sha256(specText), approvals.functions().get(name),
                approvals.policy(name), Math.max(1, module.currentVersion()));
    }

    private ModuleDir newModule(String base) {
        String name = base.replaceAll("[^A-Za-z0-9_]", "_");
        Path dir = root.resolve(name);
        for (int n = 2; Files.exists(dir); n++) {
            dir = root.resolve(name + "_" + n);
        }
        return new ModuleDir(dir);
    }

    Path root() {
        return root;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
