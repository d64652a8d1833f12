package io.toolsmith.data;

import io.toolsmith.data.PyValue.PyDeque;
import io.toolsmith.data.PyValue.PyList;
import io.toolsmith.data.PyValue.PySet;
import io.toolsmith.data.PyValue.PyTuple;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of the lazy tree view of a value: children are made only for the rows asked for
 * ({@link #children(int, int)}), so a list of a million records opens at once.
 * A container already shown elsewhere in this tree (a shared or recursive reference) is a back-reference
 * leaf naming where it was first shown. A node keeps its parent and its own step, not its whole path, so a value
 * nested a million levels deep costs memory in proportion, not squared. Not thread-safe: use one tree from one thread.
 */
public final class PyTreeNode {
    /** Longest path shown in a back-reference's summary. */
    static final int PATH_CHARS = 300;
    private final PyTreeNode parent;
    /** The path step from the parent: an unescaped literal such as "/args/" or "/", then {@link #name} escaped. */
    private final String step;
    private final String name;
    private final String key;
    private final PyValue value;
    private final Map<PyValue, PyTreeNode> shown;
    private final PyTreeNode first;

    private PyTreeNode(PyTreeNode parent, String step, String name, String key, PyValue value, Map<PyValue, PyTreeNode> shown) {
        this.parent = parent;
        this.step = step;
        this.name = name;
        this.key = key;
        this.value = value;
        this.shown = shown;
        this.first = PyJson.isContainer(value) ? shown.computeIfAbsent(value, v -> this) : this;
    }

    public static PyTreeNode root(PyValue value) {
        return new PyTreeNode(null, "#", "", "", value, new IdentityHashMap<>());
    }

    /** The dict key, list index or attribute name under which this value sits ("" for the root). */
    public String key() {
        return key;
    }

    public PyValue value() {
        return value;
    }

    /** JSON-pointer-like path of this node, e.g. "#/expenses/3/amount". */
    public String path() {
        return path(Long.MAX_VALUE);
    }

    /** The path, or its first {@code max} characters and "…" when longer. */
    String path(long max) {
        java.util.ArrayDeque<PyTreeNode> chain = new java.util.ArrayDeque<>();
        for (PyTreeNode n = this; n != null; n = n.parent) {
            chain.push(n);
        }
        StringBuilder out = new StringBuilder();
        for (PyTreeNode n : chain) {
            out.append(n.step).append(PyJson.escape(n.name));
            if (out.length() > max) {
                out.setLength((int) max);
                return out.append('…').toString();
            }
        }
        return out.toString();
    }

    public boolean isBackReference() {
        return first != this;
    }

    /** Where a back-reference's value was first shown (its own path otherwise). */
    public String referenceTarget() {
        return first.path();
    }

    public String summary() {
        return isBackReference() ? "↺ same as " + first.path(PATH_CHARS) : PyText.summary(value);
    }

    public boolean isLeaf() {
        return childCount() == 0;
    }

    public int childCount() {
        if (isBackReference()) {
            return 0;
        }
        if (value instanceof PyDict d) {
            return d.size();
        }
        if (value instanceof PyObject o) {
            return o.args().size() + stateRows(o) + o.items().size() + (o.dictItems() == null ? 0 : o.dictItems().size());
        }
        List<PyValue> items = sequence(value);
        return items == null ? 0 : items.size();
    }

    /** Up to {@code limit} children starting at {@code offset}. */
    public List<PyTreeNode> children(int offset, int limit) {
        int end = (int) Math.min((long) childCount(), (long) offset + Math.max(0, limit));
        List<PyTreeNode> out = new ArrayList<>(Math.max(0, end - offset));
        for (int i = Math.max(0, offset); i < end; i++) {
            out.add(child(i));
        }
        return out;
    }

    private PyTreeNode child(int i) {
        if (value instanceof PyDict d) {
            return entry(d, i, "/");
        }
        if (value instanceof PyObject o) {
            if (i < o.args().size()) {
                return make("arg " + i, o.args().get(i), "/args/", Integer.toString(i));
            }
            i -= o.args().size();
            if (i < stateRows(o)) {
                return o.hasAttributeState() ? entry(o.attributes(), i, "/state/") : make("state", o.state(), "/state", "");
            }
            i -= stateRows(o);
            if (i < o.items().size()) {
                return make("item " + i, o.items().get(i), "/items/", Integer.toString(i));
            }
            return entry(o.dictItems(), i - o.items().size(), "/dictitems/");
        }
        return make(Integer.toString(i), sequence(value).get(i), "/", Integer.toString(i));
    }

    private PyTreeNode entry(PyDict d, int i, String prefix) {
        PyValue k = d.key(i);
        String label = k instanceof PyValue.PyScalar s && s.value() instanceof String str ? str : PyText.summary(k);
        // The path keeps the whole key; the label shown is cut, a key may be a megabyte long.
        return make(PyText.shorten(label), d.value(i), prefix, label);
    }

    private PyTreeNode make(String childKey, PyValue childValue, String childStep, String childName) {
        return new PyTreeNode(this, childStep, childName, childKey, childValue, shown);
    }

    /** Attributes one per row; any other state (e.g. numpy's tuple) as one "state" row. */
    private static int stateRows(PyObject o) {
        return o.hasAttributeState() ? o.attributes().size() : o.state() == null ? 0 : 1;
    }

    private static List<PyValue> sequence(PyValue v) {
        if (v instanceof PyList l) {
            return l.items();
        }
        if (v instanceof PyTuple t) {
            return t.items();
        }
        if (v instanceof PySet s) {
            return s.items();
        }
        if (v instanceof PyDeque d) {
            return d.items();
        }
        return null;
    }
}
