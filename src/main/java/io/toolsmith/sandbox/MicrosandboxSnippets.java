package io.toolsmith.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.toolsmith.util.Json;
import java.util.UUID;

/**
 * The one-line Python snippets sent to the microsandbox REPL. Each is a single statement whose
 * code travels inside string literals (a JSON string is a valid Python string literal), so the
 * interactive interpreter's rules about blank lines and blocks never apply to the user's code.
 */
final class MicrosandboxSnippets {
    /** Replaced by a fresh marker for every request, so no output of the code can fake an answer. */
    static final String MARKER_SLOT = "@@MARKER@@";

    private MicrosandboxSnippets() {
    }

    static String newMarker() {
        return "TOOLSMITH-" + UUID.randomUUID().toString().replace("-", "") + ":";
    }

    /** Loads the worker's code into its own namespace and makes one runner object. */
    static String bootstrap(String workerSource, long outputCap) {
        String program = String.join("\n",
                "_toolsmith_ns = {'__name__': 'toolsmith_worker'}",
                "exec(" + literal(workerSource) + ", _toolsmith_ns)",
                "_toolsmith_w = _toolsmith_ns['InProcessRunner'](" + outputCap + ")",
                "");
        return "exec(" + literal(program) + ")";
    }

    static String define(String module, String code) {
        return "print(" + literal(MARKER_SLOT) + " + __import__('json').dumps(_toolsmith_w.define("
                + literal(module) + ", " + literal(code) + ")))";
    }

    static String undefine(String module) {
        return "_toolsmith_w.undefine(" + literal(module) + ")";
    }

    static String call(String requestJson) {
        return "print(" + literal(MARKER_SLOT) + " + _toolsmith_w.call(__import__('json').loads("
                + literal(requestJson) + ")))";
    }

    static String literal(String text) {
        try {
            return Json.MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serializes", e);
        }
    }
}
