package io.toolsmith.data;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * dict, collections.OrderedDict, defaultdict or Counter: entries in insertion order, kept as keys and values
 * interleaved in one array (a pickle of a million records makes a million dicts, so each saved object counts).
 */
public final class PyDict implements PyValue {
    public enum Kind { DICT, ORDERED_DICT, DEFAULT_DICT, COUNTER }

    private static final PyValue[] NONE_YET = new PyValue[0];
    private final Kind kind;
    private final PyValue defaultFactory;
    private PyValue[] entries;
    private int size;

    public PyDict(Kind kind, int capacity, PyValue defaultFactory) {
        this.kind = kind;
        this.entries = new PyValue[Math.max(2, capacity * 2)];
        this.defaultFactory = defaultFactory;
    }

    /** An empty dict without an entry array until its first key (a pickle may hold millions of empty dicts). */
    public PyDict() {
        this.kind = Kind.DICT;
        this.entries = NONE_YET;
        this.defaultFactory = null;
    }

    public Kind kind() {
        return kind;
    }

    /** The keys in insertion order (a read-only view). */
    public List<PyValue> keys() {
        return new Column(0);
    }

    /** The values in insertion order (a read-only view). */
    public List<PyValue> values() {
        return new Column(1);
    }

    public PyValue key(int i) {
        return entries[2 * i];
    }

    public PyValue value(int i) {
        return entries[2 * i + 1];
    }

    /** The defaultdict's factory (a {@link PyValue.PyGlobal} or None); null for other kinds. */
    public PyValue defaultFactory() {
        return defaultFactory;
    }

    public int size() {
        return size;
    }

    /** Sets {@code key} as Python would: replaces the value of an equal str/int key, else appends. */
    void put(PyValue key, PyValue value) {
        if (key instanceof PyValue.PyScalar s && s.value() != null && size < 64) {
            // A pickle never repeats a key; this short scan only matters for hand-made data.
            for (int i = 0; i < size; i++) {
                if (entries[2 * i] instanceof PyValue.PyScalar o && s.value().equals(o.value())) {
                    entries[2 * i + 1] = value;
                    return;
                }
            }
        }
        if (2 * size + 2 > entries.length) {
            entries = Arrays.copyOf(entries, Math.max(8, entries.length * 2));
        }
        entries[2 * size] = key;
        entries[2 * size + 1] = value;
        size++;
    }

    /** Value of the string key {@code name}, or null. */
    public PyValue get(String name) {
        for (int i = 0; i < size; i++) {
            if (entries[2 * i] instanceof PyValue.PyScalar s && name.equals(s.value())) {
                return entries[2 * i + 1];
            }
        }
        return null;
    }

    private final class Column extends AbstractList<PyValue> {
        private final int offset;

        Column(int offset) {
            this.offset = offset;
        }

        @Override
        public PyValue get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException(index);
            }
            return entries[2 * index + offset];
        }

        @Override
        public int size() {
            return size;
        }
    }
}
