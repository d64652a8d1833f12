package io.toolsmith.functions;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Iterator;
import java.util.Map;

/**
 * Compares an example's outcome with what its spec expects ({@code expected} or {@code expected_error}).
 * Integers, strings, booleans and null must be equal; when either number has a fraction or an exponent (a float
 * in Python) they match within a relative tolerance of {@value #RELATIVE_TOLERANCE}, so a result computed in
 * floating point matches the decimal the model wrote. Lists match item by item in order, objects key by key
 * (their order does not count, as in Python's dicts). Stateless.
 */
public final class ExampleCheck {
    public static final double RELATIVE_TOLERANCE = 1e-6;
    /** Below this, a float counts as zero: a relative tolerance alone would never let 1e-17 match 0.0. */
    private static final double ABSOLUTE_TOLERANCE = 1e-12;

    private ExampleCheck() {
    }

    /** What an example's run showed against its expectation. */
    public enum Verdict {
        PASSED, FAILED, NO_EXPECTATION
    }

    /** The verdict, with a sentence saying why it failed (else empty). */
    public record Outcome(Verdict verdict, String reason) {
    }

    /** Whether the example states an expectation at all. */
    public static boolean expects(JsonNode example) {
        return example.has("expected") || example.has("expected_error");
    }

    public static Outcome check(JsonNode example, ExampleResult result) {
        boolean expectsValue = example.has("expected");
        JsonNode error = example.get("expected_error");
        if (expectsValue && error != null) {
            return failed("the example gives both expected and expected_error; it should give one of them");
        }
        if (error != null) {
            String name = error.asText("");
            if (result.ok()) {
                return failed("expected the error " + name + ", but the call returned a result");
            }
            return name.equals(result.errorName()) ? new Outcome(Verdict.PASSED, "")
                    : failed("expected the error " + name + ", got " + result.errorName());
        }
        if (!result.ok()) {
            // An error nobody expected is a failure whether or not a result was expected.
            return failed("the call raised " + result.errorName());
        }
        if (!expectsValue) {
            return new Outcome(Verdict.NO_EXPECTATION, "");
        }
        String difference = difference("", example.get("expected"), result.result());
        return difference == null ? new Outcome(Verdict.PASSED, "") : failed(difference);
    }

    private static Outcome failed(String reason) {
        return new Outcome(Verdict.FAILED, reason);
    }

    /** Where and how {@code got} differs from {@code expected}, or null when they match. */
    static String difference(String at, JsonNode expected, JsonNode got) {
        String where = "the result" + at;
        if (got == null) {
            got = com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        if (expected.isNumber() && got.isNumber()) {
            return numbersMatch(expected, got) ? null : where + " is " + got + ", not " + expected;
        }
        if (expected.isArray() && got.isArray()) {
            if (expected.size() != got.size()) {
                return where + " has " + got.size() + (got.size() == 1 ? " item" : " items") + ", not "
                        + expected.size();
            }
            for (int i = 0; i < expected.size(); i++) {
                String d = difference(at + "[" + i + "]", expected.get(i), got.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected.isObject() && got.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!got.has(field.getKey())) {
                    return where + " has no key \"" + field.getKey() + "\"";
                }
                String d = difference(at + "[\"" + field.getKey() + "\"]", field.getValue(), got.get(field.getKey()));
                if (d != null) {
                    return d;
                }
            }
            for (Iterator<String> names = got.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!expected.has(name)) {
                    return where + " has the key \"" + name + "\", which was not expected";
                }
            }
            return null;
        }
        return expected.equals(got) ? null : where + " is " + got + ", not " + expected;
    }

    private static boolean numbersMatch(JsonNode expected, JsonNode got) {
        if (expected.isIntegralNumber() && got.isIntegralNumber()) {
            return expected.bigIntegerValue().equals(got.bigIntegerValue());
        }
        BigDecimal a = expected.decimalValue();
        BigDecimal b = got.decimalValue();
        if (a.compareTo(b) == 0) {
            return true;
        }
        BigDecimal gap = a.subtract(b).abs();
        BigDecimal scale = a.abs().max(b.abs());
        return gap.compareTo(BigDecimal.valueOf(ABSOLUTE_TOLERANCE)) <= 0
                || gap.compareTo(scale.multiply(BigDecimal.valueOf(RELATIVE_TOLERANCE), MathContext.DECIMAL64)) <= 0;
    }
}
