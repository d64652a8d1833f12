package io.toolsmith.functions;

import java.util.List;

/**
 * What {@code analysis.py} found in a code block by parsing it with Python's {@code ast}; nothing was run.
 * When the code does not parse, {@code functions} holds names recovered from {@code def} lines (no params).
 */
public record CodeAnalysis(List<SyntaxProblem> syntaxErrors, List<FunctionInfo> functions, List<ClassInfo> classes,
                           List<ImportInfo> imports, List<Risk> risks, boolean network, boolean process,
                           List<LoadTimeStatement> loadTime, EffectReport effects) {
    /**
     * Changes whenever analysis.py derives something new, so analyses stored beside older code are made again
     * (2: effects; 3: where each function starts and ends).
     */
    public static final int VERSION = 3;

    public CodeAnalysis {
        syntaxErrors = List.copyOf(syntaxErrors == null ? List.of() : syntaxErrors);
        functions = List.copyOf(functions == null ? List.of() : functions);
        classes = List.copyOf(classes == null ? List.of() : classes);
        imports = List.copyOf(imports == null ? List.of() : imports);
        risks = List.copyOf(risks == null ? List.of() : risks);
        loadTime = List.copyOf(loadTime == null ? List.of() : loadTime);
    }

    public record SyntaxProblem(int line, int column, String message) {
    }

    /** @param kind positional_only, positional_or_keyword, var_positional, keyword_only or var_keyword */
    public record Param(String name, String kind, boolean hasDefault,
                        @com.fasterxml.jackson.annotation.JsonProperty("default") String defaultValue,
                        String annotation) {

        public boolean isVariadic() {
            return kind.startsWith("var_");
        }
    }

    /**
     * @param line      the {@code def} line
     * @param recovered true when found by a line scan because the code does not parse
     * @param firstLine the first line of the function, its decorators included (0 when unknown)
     * @param endLine   its last line (0 when unknown: recovered, or analysed before lines were kept)
     */
    public record FunctionInfo(String name, int line, List<Param> params, String docstring, String returns,
                               boolean recovered, int firstLine, int endLine) {
        public FunctionInfo {
            params = List.copyOf(params == null ? List.of() : params);
        }

        public boolean isPublic() {
            return !name.startsWith("_");
        }
    }

    public record ClassInfo(String name, int line, List<String> bases) {
    }

    public record ImportInfo(int line, String module, List<String> names, String alias) {
    }

    /** @param kind "network", "process" or "dynamic code" */
    public record Risk(int line, String name, String kind) {
    }

    /** A top-level statement that runs when the module is defined; kind such as "call", "for", "main block". */
    public record LoadTimeStatement(int line, String kind, String text) {
    }

    /** One reason for an effect: the line and what there ("open(..., 'wb')", "subprocess.run"). */
    public record EffectReason(Effect effect, int line, String what) {
    }

    /** A function's effects (its own, those of the module's functions it uses, and its module's top level). */
    public record FunctionEffects(Effects effects, List<EffectReason> reasons) {
        public FunctionEffects {
            effects = effects == null ? Effects.NONE : effects;
            reasons = List.copyOf(reasons == null ? List.of() : reasons.stream()
                    .filter(r -> r.effect() != null).toList());
        }
    }

    /** @param module the effects of the module's top-level code, which runs with every call */
    public record EffectReport(FunctionEffects module, java.util.Map<String, FunctionEffects> functions) {
        public EffectReport {
            functions = java.util.Map.copyOf(functions == null ? java.util.Map.of() : functions);
        }
    }

    /**
     * What the named top-level function may do. Every effect when the analysis holds none for it (code that
     * does not parse, or names found without Python): nothing that was not derived counts as harmless.
     */
    public FunctionEffects effectsOf(String function) {
        FunctionEffects found = effects == null ? null : effects.functions().get(function);
        return found != null ? found : new FunctionEffects(Effects.ALL, Effects.ALL.list().stream()
                .map(e -> new EffectReason(e, 0, "the code could not be checked")).toList());
    }

    public boolean parses() {
        return syntaxErrors.isEmpty();
    }

    /** Public top-level functions: names starting with an underscore are helpers, never offered to the model. */
    public List<FunctionInfo> publicFunctions() {
        return functions.stream().filter(FunctionInfo::isPublic).toList();
    }

    public java.util.Optional<FunctionInfo> function(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
