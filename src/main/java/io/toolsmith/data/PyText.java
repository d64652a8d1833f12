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
import java.io.IOException;
import java.io.StringWriter;

/**
 * One-line texts for values: tree labels, table cells and CSV fields. Labels and cells are short whatever the
 * value (a container's cell is its JSON, cut at {@link #CELL_CHARS}; a huge int is abbreviated); only CSV fields
 * are exact, within the room the CSV writer has left.
 */
public final class PyText {
    /** Longest JSON text shown in a table cell for a nested value (a table may have a million rows). */
    public static final int CELL_CHARS = 200;
    /** Longest string or name shown in a tree label. */
    public static final int LABEL_CHARS = 200;

    private PyText() {
    }

    /** A short description: the value itself for leaves, the type and size for containers. */
    public static String summary(PyValue v) {
        if (v instanceof PyScalar s) {
            return s.value() instanceof String str ? quote(str) : cell(v);
        }
        if (v instanceof PyGlobal g) {
            return shorten(g.qualifiedName());
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
            return shorten(o.name()) + " object (" + shorten(o.module()) + "." + shorten(o.name()) + ")";
        }
        return shorten(cell(v)); // a Decimal or a path may be megabytes long
    }

    /**
     * The value as a table cell: strings without quotes, leaves in Python's str() form, a huge int abbreviated,
     * nested values as JSON of at most {@link #CELL_CHARS} characters.
     */
    public static String cell(PyValue v) {
        if (v instanceof PyScalar s && s.value() instanceof java.math.BigInteger b) {
            return PyInts.abbreviated(b);
        }
        if (PyJson.isContainer(v)) {
            return PyJson.compact(v, CELL_CHARS);
        }
        return leafText(v);
    }

    /**
     * The value as a CSV field, exact: an int in decimal (in hex, as Python's {@code hex()}, above 10,000 bytes) and
     * nested values as their whole JSON; null when that is longer than {@code room} characters.
     */
    static String field(PyValue v, long room) {
        if (v instanceof PyScalar s && s.value() instanceof java.math.BigInteger b) {
            return PyInts.hasDecimal(b) ? b.toString() : PyInts.hex(b);
        }
        if (PyJson.isContainer(v)) {
            StringWriter text = new StringWriter();
            try {
                return PyJson.write(v, text, false, room) == null ? text.toString() : null;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return leafText(v);
    }

    private static String leafText(PyValue v) {
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
        return PyJson.compact(v, CELL_CHARS);
    }

    /** {@code text} cut to {@link #LABEL_CHARS} characters, with "…" when cut. */
    static String shorten(String text) {
        return text.length() > LABEL_CHARS ? text.substring(0, LABEL_CHARS) + "…" : text;
    }

    private static String pyFloat(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return Long.toString((long) d) + ".0";
        }
        return Double.toString(d);
    }

    private static String quote(String s) {
        boolean cut = s.length() > LABEL_CHARS;
        String shown = cut ? s.substring(0, LABEL_CHARS) : s;
        return "'" + shown.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"
                + (cut ? "…(" + String.format("%,d", s.length()) + " characters)" : "");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
