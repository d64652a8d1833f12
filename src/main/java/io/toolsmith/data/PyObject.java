package io.toolsmith.data;

import java.util.ArrayList;
import java.util.List;
import io.toolsmith.data.PyValue.PyScalar;
import io.toolsmith.data.PyValue.PyTuple;

/**
 * An instance of a class the reader does not know (a dataclass, a plain class, a namedtuple): its class's
 * module and qualified name, the arguments its class was called with, the state given to it by BUILD
 * (usually a dict of attributes) and any list or dict items appended to it.
 */
public final class PyObject implements PyValue {
    private final String module;
    private final String name;
    private final List<PyValue> args;
    private PyValue state;
    private final ArrayList<PyValue> items = new ArrayList<>(0);
    private PyDict dictItems;
    private PyDict mergedAttributes;

    public PyObject(String module, String name, List<PyValue> args) {
        this.module = module;
        this.name = name;
        this.args = args;
    }

    public String module() {
        return module;
    }

    public String name() {
        return name;
    }

    public String className() {
        return module + "." + name;
    }

    /**
     * Whether both are of one class, without building the names: objects of one class share the name strings of
     * the memoized class, which may be megabytes long, so this is usually a reference comparison.
     */
    public boolean sameClass(PyObject other) {
        return module.equals(other.module) && name.equals(other.name);
    }

    public List<PyValue> args() {
        return args;
    }

    /** The BUILD state, or null when there was none. */
    public PyValue state() {
        return state;
    }

    public List<PyValue> items() {
        return items;
    }

    /** Items set on a dict subclass, or null. */
    public PyDict dictItems() {
        return dictItems;
    }

    void setState(PyValue state) {
        this.state = state;
        this.mergedAttributes = null;
    }

    PyDict dictItemsForWriting() {
        if (dictItems == null) {
            dictItems = new PyDict();
        }
        return dictItems;
    }

    /** Whether the state is a set of named attributes (a dict, or a (dict, slots) pair), shown by {@link #attributes()}. */
    public boolean hasAttributeState() {
        return state instanceof PyDict || (state instanceof PyTuple t && t.items().size() == 2
                && t.items().stream().allMatch(p -> p instanceof PyDict || (p instanceof PyScalar s && s.value() == null)));
    }

    /** Attributes by name when the state is a dict (or a (dict, slots) pair), else an empty dict. */
    public PyDict attributes() {
        if (state instanceof PyDict d) {
            return d;
        }
        if (mergedAttributes != null) {
            return mergedAttributes;
        }
        // Merged once: views ask for the attributes once per row.
        PyDict merged = new PyDict();
        if (hasAttributeState() && state instanceof PyTuple t) {
            for (PyValue part : t.items()) {
                if (part instanceof PyDict d) {
                    for (int i = 0; i < d.size(); i++) {
                        merged.put(d.key(i), d.value(i));
                    }
                }
            }
        }
        mergedAttributes = merged;
        return merged;
    }
}
