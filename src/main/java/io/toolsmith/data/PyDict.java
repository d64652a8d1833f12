package io.toolsmith.data;

import java.util.ArrayList;
import java.util.List;

/**
 * dict, collections.OrderedDict, defaultdict or Counter: entries in insertion order, as parallel lists
 * (a pickle never repeats a key, and parallel lists cost far less than a map per record).
 */
public final class PyDict implements PyValue {
    public enum Kind { DICT, ORDERED_DICT, DEFAULT_DICT, COUNTER }

    private final Kind kind;
    private final ArrayList<PyValue> keys;
    private final ArrayList<PyValue> values;
    private final PyValue defaultFactory;

    public PyDict(Kind kind, int capacity, PyValue defaultFactory) {
        this.kind = kind;
        this.keys = new ArrayList<>(capacity);
        this.values = new ArrayList<>(capacity);
        this.defaultFactory = defaultFactory;
    }

    public PyDict() {
        this(Kind.DICT, 4, null);
    }

    public Kind kind() {
        return kind;
    }

    public List<PyValue> keys() {
        return keys;
    }

    public List<PyValue> values() {
        return values;
    }

    /** The defaultdict's factory (a {@link PyValue.PyGlobal} or None); null for other kinds. */
    public PyValue defaultFactory() {
        return defaultFactory;
    }

    public int size() {
        return keys.size();
    }

    /** Sets {@code key} as Python would: replaces the value of an equal string/number key, else appends. */
    void put(PyValue key, PyValue value) {
        if (!keys.isEmpty() && key instanceof PyValue.PyScalar s && s.value() != null) {
            // Pickles never repeat keys, so this scan only runs on hand-made data: check the last key cheaply first.
            for (int i = keys.size() - 1; i >= 0 && keys.size() < 64; i--) {
                if (keys.get(i) instanceof PyValue.PyScalar o && s.value().equals(o.value())) {
                    values.set(i, value);
                    return;
                }
            }
        }
        keys.add(key);
        values.add(value);
    }

    /** Value of the string key {@code name}, or null. */
    public PyValue get(String name) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i) instanceof PyValue.PyScalar s && name.equals(s.value())) {
                return values.get(i);
            }
        }
        return null;
    }
}
