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
 * leaf naming where it was first shown. Not thread-safe: use one tree from one thread.
 */
public final class PyTreeNode {
    private final String key;
    private final PyValue value;
    private final String path;
    private final Map<PyValue, String> shown;
    private final String firstPath;

    private PyTreeNode(String key, PyValue value, String path, Map<PyValue, String> shown) {
        this.key = key;
        this.value = value;
        this.path = path;
        this.shown = shown;
        this.firstPath = PyJson.isContainer(value) ? shown.computeIfAbsent(value, v -> path) : path;
    }

    public static PyTreeNode root(PyValue value) {
        return new PyTreeNode("", value, "#", new IdentityHashMap<>());
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
        return path;
    }

    public boolean isBackReference() {
        return !firstPath.equals(path);
    }

    /** Where a back-reference's value was first shown (its own path otherwise). */
    public String referenceTarget() {
        return firstPath;
    }

    public String summary() {
        return isBackReference() ? "↺ same as " + firstPath : PyText.summary(value);
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
            return entry(d, i, "");
        }
        if (value instanceof PyObject o) {
            if (i < o.args().size()) {
                return make("arg " + i, o.args().get(i), path + "/args/" + i);
            }
            i -= o.args().size();
            if (i < stateRows(o)) {
                return o.hasAttributeState() ? entry(o.attributes(), i, "/state") : make("state", o.state(), path + "/state");
            }
            i -= stateRows(o);
            if (i < o.items().size()) {
                return make("item " + i, o.items().get(i), path + "/items/" + i);
            }
            return entry(o.dictItems(), i - o.items().size(), "/dictitems");
        }
        return make(Integer.toString(i), sequence(value).get(i), path + "/" + i);
    }

    private PyTreeNode entry(PyDict d, int i, String prefix) {
        PyValue k = d.key(i);
        String label = k instanceof PyValue.PyScalar s && s.value() instanceof String str ? str : PyText.summary(k);
        return make(label, d.value(i), PyJson.child(path + prefix, label));
    }

    private PyTreeNode make(String childKey, PyValue childValue, String childPath) {
        return new PyTreeNode(childKey, childValue, childPath, shown);
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
