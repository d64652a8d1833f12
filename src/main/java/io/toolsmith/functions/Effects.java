package io.toolsmith.functions;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.toolsmith.sandbox.Grant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** A set of {@link Effect}s, kept in the enum's order; written to JSON as a list of wire names. */
public final class Effects {
    public static final Effects NONE = new Effects(EnumSet.noneOf(Effect.class));
    /** What code the checks cannot follow may do. */
    public static final Effects ALL = new Effects(EnumSet.allOf(Effect.class));

    private final Set<Effect> set;

    private Effects(EnumSet<Effect> set) {
        this.set = set;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Effects of(Collection<Effect> effects) {
        EnumSet<Effect> set = EnumSet.noneOf(Effect.class);
        if (effects != null) {
            effects.stream().filter(Objects::nonNull).forEach(set::add);
        }
        return new Effects(set);
    }

    public static Effects of(Effect... effects) {
        return of(List.of(effects));
    }

    @JsonValue
    public List<Effect> list() {
        return List.copyOf(set);
    }

    public boolean has(Effect effect) {
        return set.contains(effect);
    }

    public boolean isEmpty() {
        return set.isEmpty();
    }

    public boolean containsAll(Effects other) {
        return set.containsAll(other.set);
    }

    public Effects plus(Effect effect) {
        EnumSet<Effect> more = set.isEmpty() ? EnumSet.noneOf(Effect.class) : EnumSet.copyOf(set);
        more.add(effect);
        return new Effects(more);
    }

    public Effects minus(Effect effect) {
        EnumSet<Effect> less = set.isEmpty() ? EnumSet.noneOf(Effect.class) : EnumSet.copyOf(set);
        less.remove(effect);
        return new Effects(less);
    }

    public Effects minus(Effects other) {
        EnumSet<Effect> less = set.isEmpty() ? EnumSet.noneOf(Effect.class) : EnumSet.copyOf(set);
        less.removeAll(other.set);
        return new Effects(less);
    }

    /**
     * Whether calls of a function with these effects run without asking unless the user chose otherwise
     * (docs/decisions/0012-function-effects.md): what it does to the data folder can be undone, what it sends
     * over the network or does through other programs cannot.
     */
    public CallPolicy defaultPolicy() {
        return has(Effect.NETWORK) || has(Effect.PROCESSES) ? CallPolicy.ASK : CallPolicy.AUTO;
    }

    /** What the sandbox lets a call with these effects do; reading the data folder is always possible. */
    public Grant grant() {
        return new Grant(has(Effect.WRITES_DATA), has(Effect.NETWORK), has(Effect.PROCESSES));
    }

    /** "reads data, writes data", or "none". */
    public String labels() {
        return set.isEmpty() ? "none" : set.stream().map(Effect::label).collect(Collectors.joining(", "));
    }

    /** "reads,writes", or "-": for a list column. */
    public String badges() {
        return set.isEmpty() ? "-" : set.stream().map(Effect::badge).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Effects other && other.set.equals(set);
    }

    @Override
    public int hashCode() {
        return set.hashCode();
    }

    @Override
    public String toString() {
        return set.stream().map(Effect::wire).collect(Collectors.joining(",", "[", "]"));
    }
}
