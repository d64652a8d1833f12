package io.toolsmith.data;

import io.toolsmith.data.PyValue.PyBytes;
import io.toolsmith.data.PyValue.PyComplex;
import io.toolsmith.data.PyValue.PyDate;
import io.toolsmith.data.PyValue.PyDateTime;
import io.toolsmith.data.PyValue.PyDecimal;
import io.toolsmith.data.PyValue.PyDeque;
import io.toolsmith.data.PyValue.PyGlobal;
import io.toolsmith.data.PyValue.PyList;
import io.toolsmith.data.PyValue.PyPath;
import io.toolsmith.data.PyValue.PyScalar;
import io.toolsmith.data.PyValue.PySet;
import io.toolsmith.data.PyValue.PyTime;
import io.toolsmith.data.PyValue.PyTimeDelta;
import io.toolsmith.data.PyValue.PyTimeZone;
import io.toolsmith.data.PyValue.PyTuple;
import io.toolsmith.data.PyValue.PyUuid;
import io.toolsmith.data.PyValue.PyZone;

/** One-line texts for values: tree labels, table cells and CSV fields. */
public final class PyText {
    private PyText() {
    }

    /** A short description: the value itself for leaves, the type and size for containers. */
    public static String summary(PyValue v) {
        if (v instanceof PyScalar s) {
            return s.value() instanceof String str ? quote(str) : cell(v);
        }
        if (v instanceof PyList l) {
            return "list (" + count(l.items().size(), "item") + ")";
        }
        if (v instanceof PyTuple t) {
            return "tuple (" + count(t.items().size(), "item") + ")";
        }
        if (v instanceof PySet s) {
            return (s.frozen() ? "frozenset (" : "set (") + count(s.items().size(), "item") + ")";
        }
        if (v instanceof PyDeque d) {
            return "deque (" + count(d.items().size(), "item") + ")";
        }
        if (v instanceof PyDict d) {
            String type = switch (d.kind()) {
                case DICT -> "dict";
                case ORDERED_DICT -> "OrderedDict";
                case DEFAULT_DICT -> "defaultdict";
                case COUNTER -> "Counter";
            };
            return type + " (" + count(d.size(), "key") + ")";
        }
        if (v instanceof PyObject o) {
            return o.name() + " object (" + o.className() + ")";
        }
        return cell(v);
    }

    /** The value as a table cell or CSV field: strings without quotes, leaves in Python's str() form. */
    public static String cell(PyValue v) {
        if (v instanceof PyScalar s) {
            Object x = s.value();
            if (x == null) {
                return "None";
            }
            if (x instanceof Boolean b) {
                return b ? "True" : "False";
            }
            if (x instanceof Double d) {
                return d.isNaN() ? "nan" : d.isInfinite() ? (d > 0 ? "inf" : "-inf") : pyFloat(d);
            }
            return x.toString();
        }
        if (v instanceof PyBytes b) {
            return (b.mutable() ? "bytearray (" : "bytes (") + count(b.data().length, "byte") + ")";
        }
        if (v instanceof PyDateTime dt) {
            return PyDates.iso(dt);
        }
        if (v instanceof PyDate d) {
            return PyDates.iso(d);
        }
        if (v instanceof PyTime t) {
            return PyDates.iso(t);
        }
        if (v instanceof PyTimeDelta td) {
            return PyDates.text(td);
        }
        if (v instanceof PyTimeZone tz) {
            return tz.name() != null ? tz.name() : "UTC" + PyDates.offsetText(tz.offsetMicros());
        }
        if (v instanceof PyZone z) {
            return z.key();
        }
        if (v instanceof PyDecimal d) {
            return d.text();
        }
        if (v instanceof PyComplex c) {
            return "(" + pyFloat(c.real()) + (c.imag() < 0 ? "" : "+") + pyFloat(c.imag()) + "j)";
        }
        if (v instanceof PyUuid u) {
            return u.uuid().toString();
        }
        if (v instanceof PyPath p) {
            return p.path();
        }
        if (v instanceof PyGlobal g) {
            return g.qualifiedName();
        }
        return PyJson.toJson(v).toString();
    }

    private static String pyFloat(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return Long.toString((long) d) + ".0";
        }
        return Double.toString(d);
    }

    private static String quote(String s) {
        String shown = s.length() > 200 ? s.substring(0, 200) + "…" : s;
        return "'" + shown.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
