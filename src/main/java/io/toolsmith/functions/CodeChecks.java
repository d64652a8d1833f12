package io.toolsmith.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.functions.CodeAnalysis.FunctionInfo;
import io.toolsmith.functions.CodeAnalysis.Param;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The review checks that compare a function's spec with its code and look at the code itself,
 * all from a {@link CodeAnalysis} (nothing is run). Stateless.
 */
final class CodeChecks {
    private CodeChecks() {
    }

    /** Problems in the code block as a whole: syntax, network/process access, statements run at load time. */
    static List<Check> codeChecks(CodeAnalysis analysis) {
        List<Check> checks = new ArrayList<>();
        for (var error : analysis.syntaxErrors()) {
            checks.add(Check.error("line " + error.line(), "syntax error: " + error.message()
                    + (error.column() > 0 ? " (column " + error.column() + ")" : "")));
        }
        for (var risk : analysis.risks()) {
            String what = switch (risk.kind()) {
                case "network" -> "uses the network (" + risk.name() + "); approving it lets it use the network";
                case "process" -> "starts or controls processes (" + risk.name() + ")";
                default -> "runs code built at run time (" + risk.name() + ")";
            };
            checks.add(Check.warning("line " + risk.line(), what));
        }
        for (var statement : analysis.loadTime()) {
            checks.add(Check.warning("line " + statement.line(), "runs when the module is loaded, before any call ("
                    + statement.kind() + ": " + statement.text() + ")"));
        }
        return checks;
    }

    /** Spec against code: the function exists, parameter names exist, required flags match defaults. */
    static List<Check> specAgainstCode(String name, ObjectNode spec, CodeAnalysis analysis) {
        List<Check> checks = new ArrayList<>();
        if (spec == null) {
            checks.add(Check.error("", "the code defines " + name + " but there is no spec for it"));
            return checks;
        }
        if (analysis == null) {
            checks.add(Check.error("", "there is no code for this spec"));
            return checks;
        }
        var function = analysis.function(name);
        if (function.isEmpty()) {
            checks.add(Check.error("/name", "the code defines no function named " + name));
            return checks;
        }
        if (function.get().recovered()) {
            return checks; // the signature is unknown until the syntax error is fixed
        }
        checks.addAll(parameters(function.get(), spec.path("parameters")));
        return checks;
    }

    private static List<Check> parameters(FunctionInfo function, JsonNode parameters) {
        List<Check> checks = new ArrayList<>();
        boolean takesAnyKeyword = function.params().stream().anyMatch(p -> p.kind().equals("var_keyword"));
        Set<String> specNames = new HashSet<>();
        parameters.path("properties").fieldNames().forEachRemaining(specNames::add);
        Set<String> required = new HashSet<>();
        parameters.path("required").forEach(n -> required.add(n.asText()));
        for (String specName : specNames) {
            var param = function.params().stream().filter(p -> p.name().equals(specName) && !p.isVariadic()).findFirst();
            if (param.isEmpty() && !takesAnyKeyword) {
                checks.add(Check.error("/parameters/properties/" + specName,
                        "parameter '" + specName + "' is not in the signature of " + function.name()));
            } else if (param.isPresent() && param.get().kind().equals("positional_only")) {
                checks.add(Check.error("/parameters/properties/" + specName,
                        "parameter '" + specName + "' is positional-only and cannot be passed by name"));
            }
        }
        for (String name : required) {
            if (!specNames.contains(name)) {
                checks.add(Check.error("/parameters/required", "'" + name + "' is required but not described in properties"));
            }
        }
        for (Param param : function.params()) {
            if (param.isVariadic() || param.name().equals("self")) {
                continue;
            }
            boolean inSpec = specNames.contains(param.name());
            if (!param.hasDefault() && !inSpec) {
                checks.add(Check.error("/parameters/properties",
                        "the signature requires '" + param.name() + "' but the spec does not describe it"));
            } else if (!param.hasDefault() && !required.contains(param.name()) && allowsNone(param)) {
                checks.add(Check.warning("/parameters/required", "'" + param.name() + "' may be None but has no "
                        + "default in the code, so a call that leaves it out fails; give it a default of None"));
            } else if (!param.hasDefault() && !required.contains(param.name())) {
                checks.add(Check.error("/parameters/required",
                        "'" + param.name() + "' has no default in the code, so the spec must list it as required"));
            } else if (param.hasDefault() && required.contains(param.name())) {
                checks.add(Check.warning("/parameters/required", "'" + param.name()
                        + "' has a default (" + param.defaultValue() + ") in the code but the spec marks it required"));
            }
        }
        return checks;
    }

    private static boolean allowsNone(Param param) {
        String annotation = param.annotation();
        return annotation != null && (annotation.contains("Optional[") || annotation.matches(".*\\bNone\\b.*"));
    }
}
