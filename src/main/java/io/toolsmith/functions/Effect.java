package io.toolsmith.functions;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * One kind of thing a function may do beyond computing its result, as {@code effects.py} derives it from the
 * code. {@link #wire()} is the name in analysis.json and approval.json.
 */
public enum Effect {
    READS_DATA("reads_data", "reads data", "reads"),
    WRITES_DATA("writes_data", "writes data", "writes"),
    NETWORK("network", "network", "net"),
    PROCESSES("processes", "starts processes", "procs"),
    RUNS_AT_LOAD("runs_at_load", "runs code at load", "load");

    private final String wire;
    private final String label;
    private final String badge;

    Effect(String wire, String label, String badge) {
        this.wire = wire;
        this.label = label;
        this.badge = badge;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** For sentences and the review: "writes data". */
    public String label() {
        return label;
    }

    /** A short word for a list column: "writes". */
    public String badge() {
        return badge;
    }

    /** An unknown name (written by a newer version) reads as null and is dropped by {@link Effects}. */
    @JsonCreator
    public static Effect fromWire(String wire) {
        return Arrays.stream(values()).filter(e -> e.wire.equals(wire)).findFirst().orElse(null);
    }
}
