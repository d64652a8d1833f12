package io.toolsmith.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON mapping of Python values (README, "Data files as JSON"): used by {@code inspect --json},
 * by export and by the tests. Written as a stream, never built in memory. A value met a second time (a container,
 * or a string, bytes or int over {@link #LARGE}) becomes {@code {"$ref": "#/json/pointer"}} to its first place in
 * this same document, so shared and recursive values are written once. Output stops with a
 * {@code {"$truncated": "…"}} marker in place of the rest when it reaches its size limit or {@link #MAX_DEPTH}
 * levels; the document stays valid JSON. Not thread-safe; one instance writes one document.
 */
public final class PyJson {
    /**
     * Deeper values are not written. Python's own pickler stops near 1,000 levels (its recursion limit), so real data
     * is far shallower; the writer recurses, two or three frames a level, and 500 levels stay well inside the
     * smallest thread stack it runs on (1 MiB).
     */
    public static final int MAX_DEPTH = 500;
    /** Strings longer than this (in characters), bytes and ints longer than this (in bytes) are written once, then referred to. */
    public static final int LARGE = 1000;
    /** Export writes at most this many characters (a file of a few hundred MiB maps to about twice its size). */
    public static final long EXPORT_LIMIT = 1L << 30;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(4 * MAX_DEPTH + 16).build())
            .build();

    private final JsonGenerator gen;
    private final PyWriters.Counting out;
    private final long maxChars;
    private final Map<PyValue, PyJsonPointer> firstSeen = new IdentityHashMap<>();
    private int depth;
    private String cut;

    private PyJson(Writer writer, boolean pretty, long maxChars) throws IOException {
        this.out = new PyWriters.Counting(writer);
        this.gen = FACTORY.createGenerator(out);
        if (pretty) {
            gen.useDefaultPrettyPrinter();
        }
        this.maxChars = maxChars;
    }

    /**
     * Writes the mapping of {@code value} to {@code writer} (not closed).
     * @return null when written in full, else why it stopped ("it is nested more than 1,000 levels deep", …)
     */
    public static String write(PyValue value, Writer writer, boolean pretty, long maxChars) throws IOException {
        PyJson json = new PyJson(writer, pretty, maxChars);
        try {
            json.node(value, null, "#");
        } catch (StackOverflowError e) {
            // Last resort, should a thread's stack be smaller than expected; the document is left unfinished.
            json.gen.flush();
            return "it is nested too deeply to write";
        }
        json.gen.flush();
        return json.cut;
    }

    /** The mapping as a tree, for tests and small values. */
    public static JsonNode toJson(PyValue value) throws IOException {
        StringWriter text = new StringWriter();
        write(value, text, false, Long.MAX_VALUE);
        return io.toolsmith.util.Json.MAPPER.readTree(text.toString());
    }

    /** Compact JSON of at most about {@code maxChars} characters, ending in "…" when cut (table cells). */
    static String compact(PyValue value, long maxChars) {
        StringWriter text = new StringWriter();
        try {
            String stopped = write(value, new PyWriters.Limited(text, maxChars), false, maxChars);
            return stopped == null ? text.toString() : text + "…";
        } catch (PyWriters.Limited.Full e) {
            return text + "…";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Export: writes the mapping of {@code value} to {@code file} as indented JSON, through a temporary file, so
     * the target is either complete or untouched; refused when it would be over {@link #EXPORT_LIMIT} characters.
     */
    public static void export(PyValue value, Path file) throws IOException, PickleReadException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            String stopped;
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
                stopped = write(value, w, true, EXPORT_LIMIT);
            }
            if (stopped != null) {
                throw new PickleReadException(file.getFileName() + " was not written: " + stopped
                        + ". Nothing was changed; look at the data with `toolsmith inspect` instead.");
            }
            moveInto(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Renames a finished temporary file over the target (atomically where the file system can). */
    static void moveInto(Path tmp, Path file) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Whether a dict is written as a JSON object: all keys are strings and none starts with '$'. */
    public static boolean hasPlainKeys(PyDict dict) {
        for (int i = 0; i < dict.size(); i++) {
            if (!(dict.key(i) instanceof PyScalar s && s.value() instanceof String str) || str.startsWith("$")) {
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

    /** Leaves whose text is long enough that writing them again would matter: written once, then referred to. */
    static boolean isLargeLeaf(PyValue v) {
        if (v instanceof PyScalar s) {
            if (s.value() instanceof String str) {
                return str.length() > LARGE && str.codePointCount(0, str.length()) > LARGE;
            }
            return s.value() instanceof BigInteger b && b.bitLength() > 8 * LARGE;
        }
        return v instanceof PyBytes b && b.data().length > LARGE;
    }

    static String child(String path, String segment) {
        return path + "/" + escape(segment);
    }

    static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    private void node(PyValue value, PyJsonPointer parent, Object segment) throws IOException {
        if (out.count() + gen.getOutputBuffered() > maxChars) {
            stop("it would be longer than " + String.format("%,d", maxChars) + " characters");
            return;
        }
        boolean container = isContainer(value);
        PyJsonPointer here = null;
        if (container || isLargeOrMaybe(value)) {
            // Looked up before measuring: counting a long string's code points again for every reference would be quadratic.
            PyJsonPointer first = firstSeen.get(value);
            if (first != null) {
                reference(first);
                return;
            }
            if (container || isLargeLeaf(value)) {
                here = new PyJsonPointer(parent, segment);
                firstSeen.put(value, here);
            }
        }
        if (!container) {
            leaf(value, parent, segment);
            return;
        }
        if (depth >= MAX_DEPTH) {
            stop("it is nested more than " + String.format("%,d", MAX_DEPTH) + " levels deep");
            return;
        }
        depth++;
        // The common containers are written here, not in helpers, to keep the stack shallow per level.
        if (value instanceof PyList l) {
            array(l.items(), here);
        } else if (value instanceof PyTuple || value instanceof PySet) {
            String tag = value instanceof PySet set ? (set.frozen() ? "$frozenset" : "$set") : "$tuple";
            gen.writeStartObject();
            gen.writeFieldName(tag);
            array(value instanceof PySet set ? set.items() : ((PyTuple) value).items(), new PyJsonPointer(here, tag));
            gen.writeEndObject();
        } else if (value instanceof PyDict d && d.kind() == PyDict.Kind.DICT) {
            entries(d, here);
        } else if (value instanceof PyDict d && d.kind() != PyDict.Kind.DEFAULT_DICT) {
            String tag = d.kind() == PyDict.Kind.COUNTER ? "$counter" : "$ordereddict";
            gen.writeStartObject();
            gen.writeFieldName(tag);
            entries(d, new PyJsonPointer(here, tag));
            gen.writeEndObject();
        } else {
            containerNode(value, here);
        }
        depth--;
    }

    private static boolean isLargeOrMaybe(PyValue v) {
        return v instanceof PyScalar s && (s.value() instanceof String str && str.length() > LARGE
                || s.value() instanceof BigInteger) || v instanceof PyBytes;
    }

    private void containerNode(PyValue value, PyJsonPointer here) throws IOException {
        if (value instanceof PyList l) {
            array(l.items(), here);
        } else if (value instanceof PyTuple t) {
            tagged("$tuple", t.items(), here);
        } else if (value instanceof PySet s) {
            tagged(s.frozen() ? "$frozenset" : "$set", s.items(), here);
        } else if (value instanceof PyDeque d) {
            gen.writeStartObject();
            gen.writeFieldName("$deque");
            array(d.items(), new PyJsonPointer(here, "$deque"));
            if (d.maxlen() != null && cut == null) {
                gen.writeNumberField("maxlen", d.maxlen());
            }
            gen.writeEndObject();
        } else if (value instanceof PyDict d) {
            dict(d, here);
        } else {
            object((PyObject) value, here);
        }
    }

    private void reference(PyJsonPointer first) throws IOException {
        long room = maxChars - out.count() - gen.getOutputBuffered();
        String path = first.render(room);
        if (path == null) {
            stop("it would be longer than " + String.format("%,d", maxChars) + " characters");
            return;
        }
        gen.writeStartObject();
        gen.writeStringField("$ref", path);
        gen.writeEndObject();
    }

    private void stop(String reason) throws IOException {
        cut = reason;
        gen.writeStartObject();
        gen.writeStringField("$truncated", reason);
        gen.writeEndObject();
    }

    private void leaf(PyValue value, PyJsonPointer parent, Object segment) throws IOException {
        if (value instanceof PyScalar s) {
            scalar(s.value());
        } else if (value instanceof PyBytes b) {
            gen.writeStartObject();
            gen.writeStringField(b.mutable() ? "$bytearray" : "$bytes", Base64.getEncoder().encodeToString(b.data()));
            gen.writeEndObject();
        } else if (value instanceof PyTuple t) {
            tagged("$tuple", t.items(), null); // the empty tuple: nothing inside to point at
        } else if (value instanceof PyDateTime dt) {
            gen.writeStartObject();
            gen.writeStringField("$datetime", PyDates.iso(dt));
            if (dt.tzinfo() instanceof PyZone z) {
                gen.writeStringField("tz", z.key());
            } else if (dt.tzinfo() != null && !(dt.tzinfo() instanceof PyTimeZone)) {
                gen.writeFieldName("tzinfo");
                node(dt.tzinfo(), new PyJsonPointer(parent, segment), "tzinfo");
            }
            gen.writeEndObject();
        } else {
            otherLeaf(value);
        }
    }

    private void otherLeaf(PyValue value) throws IOException {
        gen.writeStartObject();
        if (value instanceof PyDate d) {
            gen.writeStringField("$date", PyDates.iso(d));
        } else if (value instanceof PyTime t) {
            gen.writeStringField("$time", PyDates.iso(t));
        } else if (value instanceof PyTimeDelta td) {
            BigDecimal seconds = BigDecimal.valueOf(td.days() * 86_400L + td.seconds())
                    .add(BigDecimal.valueOf(td.microseconds(), 6));
            gen.writeFieldName("$timedelta");
            gen.writeNumber(td.microseconds() == 0 ? seconds.setScale(0) : seconds.stripTrailingZeros());
        } else if (value instanceof PyTimeZone tz) {
            gen.writeStringField("$timezone", PyDates.offsetText(tz.offsetMicros()));
        } else if (value instanceof PyZone z) {
            gen.writeStringField("$timezone", z.key());
        } else if (value instanceof PyDecimal d) {
            gen.writeStringField("$decimal", d.text());
        } else if (value instanceof PyComplex c) {
            gen.writeFieldName("$complex");
            gen.writeStartArray();
            scalar(c.real());
            scalar(c.imag());
            gen.writeEndArray();
        } else if (value instanceof PyUuid u) {
            gen.writeStringField("$uuid", u.uuid().toString());
        } else if (value instanceof PyPath p) {
            gen.writeStringField("$path", p.path());
        } else {
            gen.writeStringField("$global", ((PyGlobal) value).qualifiedName());
        }
        gen.writeEndObject();
    }

    private void scalar(Object v) throws IOException {
        if (v == null) {
            gen.writeNull();
        } else if (v instanceof String s) {
            gen.writeString(s);
        } else if (v instanceof Long l) {
            gen.writeNumber(l);
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                gen.writeStartObject();
                gen.writeStringField("$float", d.isNaN() ? "nan" : d > 0 ? "inf" : "-inf");
                gen.writeEndObject();
            } else {
                gen.writeNumber(d);
            }
        } else if (v instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (v instanceof BigInteger b) {
            if (PyInts.hasDecimal(b)) {
                gen.writeNumber(b);
            } else {
                gen.writeStartObject();
                gen.writeStringField("$int", PyInts.hex(b));
                gen.writeEndObject();
            }
        } else {
            gen.writeString(String.valueOf(v));
        }
    }

    private void array(List<PyValue> items, PyJsonPointer here) throws IOException {
        gen.writeStartArray();
        for (int i = 0; i < items.size() && cut == null; i++) {
            node(items.get(i), here, i);
        }
        gen.writeEndArray();
    }

    private void tagged(String tag, List<PyValue> items, PyJsonPointer here) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(tag);
        array(items, new PyJsonPointer(here, tag));
        gen.writeEndObject();
    }

    private void dict(PyDict d, PyJsonPointer here) throws IOException {
        switch (d.kind()) {
            case DICT -> entries(d, here);
            case ORDERED_DICT -> wrapped("$ordereddict", d, here);
            case COUNTER -> wrapped("$counter", d, here);
            case DEFAULT_DICT -> {
                gen.writeStartObject();
                gen.writeFieldName("$defaultdict");
                entries(d, new PyJsonPointer(here, "$defaultdict"));
                if (cut == null) {
                    gen.writeFieldName("factory");
                    node(d.defaultFactory() == null ? PyScalar.NONE : d.defaultFactory(), here, "factory");
                }
                gen.writeEndObject();
            }
        }
    }

    private void wrapped(String tag, PyDict d, PyJsonPointer here) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(tag);
        entries(d, new PyJsonPointer(here, tag));
        gen.writeEndObject();
    }

    private void entries(PyDict d, PyJsonPointer here) throws IOException {
        if (hasPlainKeys(d)) {
            gen.writeStartObject();
            for (int i = 0; i < d.size() && cut == null; i++) {
                String key = (String) ((PyScalar) d.key(i)).value();
                gen.writeFieldName(key);
                node(d.value(i), here, key);
            }
            gen.writeEndObject();
            return;
        }
        gen.writeStartObject();
        gen.writeFieldName("$map");
        PyJsonPointer map = new PyJsonPointer(here, "$map");
        gen.writeStartArray();
        for (int i = 0; i < d.size() && cut == null; i++) {
            PyJsonPointer pair = new PyJsonPointer(map, i);
            gen.writeStartArray();
            node(d.key(i), pair, 0);
            if (cut == null) {
                node(d.value(i), pair, 1);
            }
            gen.writeEndArray();
        }
        gen.writeEndArray();
        gen.writeEndObject();
    }

    private void object(PyObject o, PyJsonPointer here) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("$object", o.className());
        if (!o.args().isEmpty() && cut == null) {
            gen.writeFieldName("args");
            array(o.args(), new PyJsonPointer(here, "args"));
        }
        if (o.state() != null && cut == null) {
            gen.writeFieldName("state");
            node(o.state(), here, "state");
        }
        if (!o.items().isEmpty() && cut == null) {
            gen.writeFieldName("items");
            array(o.items(), new PyJsonPointer(here, "items"));
        }
        if (o.dictItems() != null && cut == null) {
            gen.writeFieldName("dictitems");
            entries(o.dictItems(), new PyJsonPointer(here, "dictitems"));
        }
        gen.writeEndObject();
    }
}
