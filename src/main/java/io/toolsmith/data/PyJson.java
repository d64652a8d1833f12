package io.toolsmith.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON mapping of Python values (README, "Data files as JSON"): used by {@code inspect --json},
 * by export and by the tests. A container met a second time becomes {@code {"$ref": "#/json/pointer"}}
 * to its first place in this same document, so shared and recursive values are written once.
 * Not thread-safe; create one per document (cheap).
 */
public final class PyJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final Map<PyValue, String> firstSeen = new IdentityHashMap<>();

    private PyJson() {
    }

    public static JsonNode toJson(PyValue value) {
        return new PyJson().node(value, "#");
    }

    /** Export: writes the mapping of {@code value} to {@code file} as indented JSON, atomically. */
    public static void export(PyValue value, java.nio.file.Path file) throws java.io.IOException {
        io.toolsmith.util.AtomicFiles.write(file,
                io.toolsmith.util.Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson(value)));
    }

    /** Whether a dict is written as a JSON object: all keys are strings and none starts with '$'. */
    public static boolean hasPlainKeys(PyDict dict) {
        for (PyValue k : dict.keys()) {
            if (!(k instanceof PyScalar s && s.value() instanceof String str) || str.startsWith("$")) {
                return false;
            }
        }
        return true;
    }

    /** Containers take part in back-references; scalars and other leaves are written every time. */
    static boolean isContainer(PyValue v) {
        return v instanceof PyList || v instanceof PyDict || v instanceof PySet || v instanceof PyDeque
                || v instanceof PyObject || (v instanceof PyTuple t && !t.items().isEmpty());
    }

    static String child(String path, String segment) {
        return path + "/" + segment.replace("~", "~0").replace("/", "~1");
    }

    private JsonNode node(PyValue value, String path) {
        if (isContainer(value)) {
            String first = firstSeen.putIfAbsent(value, path);
            if (first != null) {
                return F.objectNode().put("$ref", first);
            }
        }
        if (value instanceof PyScalar s) {
            return scalar(s.value());
        }
        if (value instanceof PyList l) {
            return array(l.items(), path);
        }
        if (value instanceof PyTuple t) {
            return wrap("$tuple", array(t.items(), child(path, "$tuple")));
        }
        if (value instanceof PySet s) {
            String tag = s.frozen() ? "$frozenset" : "$set";
            return wrap(tag, array(s.items(), child(path, tag)));
        }
        if (value instanceof PyDeque d) {
            ObjectNode o = wrap("$deque", array(d.items(), child(path, "$deque")));
            if (d.maxlen() != null) {
                o.put("maxlen", d.maxlen());
            }
            return o;
        }
        if (value instanceof PyDict d) {
            return dict(d, path);
        }
        if (value instanceof PyObject o) {
            return object(o, path);
        }
        if (value instanceof PyBytes b) {
            return F.objectNode().put(b.mutable() ? "$bytearray" : "$bytes", Base64.getEncoder().encodeToString(b.data()));
        }
        if (value instanceof PyDateTime dt) {
            ObjectNode o = F.objectNode().put("$datetime", PyDates.iso(dt));
            if (dt.tzinfo() instanceof PyZone z) {
                o.put("tz", z.key());
            } else if (dt.tzinfo() != null && !(dt.tzinfo() instanceof PyTimeZone)) {
                o.set("tzinfo", node(dt.tzinfo(), child(path, "tzinfo")));
            }
            return o;
        }
        return leaf(value);
    }

    private static JsonNode leaf(PyValue value) {
        if (value instanceof PyDate d) {
            return F.objectNode().put("$date", PyDates.iso(d));
        }
        if (value instanceof PyTime t) {
            return F.objectNode().put("$time", PyDates.iso(t));
        }
        if (value instanceof PyTimeDelta td) {
            BigDecimal seconds = BigDecimal.valueOf(td.days() * 86_400L + td.seconds())
                    .add(BigDecimal.valueOf(td.microseconds(), 6));
            return F.objectNode().put("$timedelta", td.microseconds() == 0 ? seconds.setScale(0) : seconds.stripTrailingZeros());
        }
        if (value instanceof PyTimeZone tz) {
            return F.objectNode().put("$timezone", PyDates.offsetText(tz.offsetMicros()));
        }
        if (value instanceof PyZone z) {
            return F.objectNode().put("$timezone", z.key());
        }
        if (value instanceof PyDecimal d) {
            return F.objectNode().put("$decimal", d.text());
        }
        if (value instanceof PyComplex c) {
            return wrap("$complex", F.arrayNode().add(scalar(c.real())).add(scalar(c.imag())));
        }
        if (value instanceof PyUuid u) {
            return F.objectNode().put("$uuid", u.uuid().toString());
        }
        if (value instanceof PyPath p) {
            return F.objectNode().put("$path", p.path());
        }
        PyGlobal g = (PyGlobal) value;
        return F.objectNode().put("$global", g.qualifiedName());
    }

    static JsonNode scalar(Object v) {
        if (v == null) {
            return F.nullNode();
        }
        if (v instanceof String s) {
            return F.textNode(s);
        }
        if (v instanceof Long l) {
            return F.numberNode(l);
        }
        if (v instanceof Double d) {
            if (d.isNaN()) {
                return F.objectNode().put("$float", "nan");
            }
            if (d.isInfinite()) {
                return F.objectNode().put("$float", d > 0 ? "inf" : "-inf");
            }
            return F.numberNode(d);
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (v instanceof BigInteger b) {
            return F.numberNode(b);
        }
        return F.textNode(String.valueOf(v));
    }

    private ArrayNode array(List<PyValue> items, String path) {
        ArrayNode out = F.arrayNode(items.size());
        for (int i = 0; i < items.size(); i++) {
            PyValue item = items.get(i);
            out.add(node(item, isContainer(item) ? path + "/" + i : path));
        }
        return out;
    }

    private JsonNode dict(PyDict d, String path) {
        return switch (d.kind()) {
            case DICT -> entries(d, path);
            case ORDERED_DICT -> wrap("$ordereddict", entries(d, child(path, "$ordereddict")));
            case COUNTER -> wrap("$counter", entries(d, child(path, "$counter")));
            case DEFAULT_DICT -> {
                ObjectNode o = wrap("$defaultdict", entries(d, child(path, "$defaultdict")));
                o.set("factory", node(d.defaultFactory() == null ? PyScalar.NONE : d.defaultFactory(), child(path, "factory")));
                yield o;
            }
        };
    }

    private JsonNode entries(PyDict d, String path) {
        if (hasPlainKeys(d)) {
            ObjectNode out = F.objectNode();
            for (int i = 0; i < d.size(); i++) {
                String key = (String) ((PyScalar) d.key(i)).value();
                PyValue v = d.value(i);
                out.set(key, node(v, isContainer(v) ? child(path, key) : path));
            }
            return out;
        }
        ArrayNode pairs = F.arrayNode(d.size());
        String mapPath = child(path, "$map");
        for (int i = 0; i < d.size(); i++) {
            String pairPath = mapPath + "/" + i;
            pairs.add(F.arrayNode(2).add(node(d.key(i), pairPath + "/0")).add(node(d.value(i), pairPath + "/1")));
        }
        return wrap("$map", pairs);
    }

    private JsonNode object(PyObject o, String path) {
        ObjectNode out = F.objectNode().put("$object", o.className());
        if (!o.args().isEmpty()) {
            out.set("args", array(o.args(), child(path, "args")));
        }
        if (o.state() != null) {
            out.set("state", node(o.state(), child(path, "state")));
        }
        if (!o.items().isEmpty()) {
            out.set("items", array(o.items(), child(path, "items")));
        }
        if (o.dictItems() != null) {
            out.set("dictitems", entries(o.dictItems(), child(path, "dictitems")));
        }
        return out;
    }

    private static ObjectNode wrap(String tag, JsonNode inner) {
        ObjectNode o = F.objectNode();
        o.set(tag, inner);
        return o;
    }
}
