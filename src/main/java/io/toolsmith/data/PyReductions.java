package io.toolsmith.data;

import io.toolsmith.data.PyValue.PyBytes;
import io.toolsmith.data.PyValue.PyComplex;
import io.toolsmith.data.PyValue.PyDecimal;
import io.toolsmith.data.PyValue.PyDeque;
import io.toolsmith.data.PyValue.PyGlobal;
import io.toolsmith.data.PyValue.PyList;
import io.toolsmith.data.PyValue.PyPath;
import io.toolsmith.data.PyValue.PyScalar;
import io.toolsmith.data.PyValue.PySet;
import io.toolsmith.data.PyValue.PyTimeDelta;
import io.toolsmith.data.PyValue.PyTimeZone;
import io.toolsmith.data.PyValue.PyTuple;
import io.toolsmith.data.PyValue.PyUuid;
import io.toolsmith.data.PyValue.PyZone;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What REDUCE, NEWOBJ and BUILD mean for the standard types a pickle may name (set, bytearray, datetime,
 * Decimal, collections, uuid, pathlib…), decided from the class name alone; every other class becomes a
 * {@link PyObject}. Nothing is looked up or run. Arguments are shared, not copied, where the value allows it;
 * copies are charged to the read's {@link PickleBudget} first (one memoized list may be the argument of a million
 * calls). Used by one reader.
 */
final class PyReductions {
    private static final int SLOT = 8;
    private final PickleBudget budget;

    PyReductions(PickleBudget budget) {
        this.budget = budget;
    }

    PyValue call(PyValue callable, List<PyValue> args) {
        budget.charge(48);
        if (!(callable instanceof PyGlobal g)) {
            budget.charge((long) SLOT * args.size());
            // A call of a computed value (e.g. a bound method fetched with getattr): shown, not resolved.
            List<PyValue> callArgs = new ArrayList<>(args.size() + 1);
            callArgs.add(callable);
            callArgs.addAll(args);
            return new PyObject("builtins", "call", callArgs);
        }
        String module = normalModule(g.module());
        String name = g.name();
        if (module.length() + name.length() > 64) {
            // No standard type has a long name; a memoized name of megabytes must not be copied for every call.
            return new PyObject(g.module(), name, args);
        }
        switch (module + "." + name) {
            case "builtins.set", "builtins.frozenset" -> {
                List<PyValue> source = args.isEmpty() ? List.of() : iterable(args.get(0));
                budget.charge((long) SLOT * source.size());
                ArrayList<PyValue> items = new ArrayList<>(source);
                return new PySet(name.equals("frozenset"), items);
            }
            case "builtins.bytes", "builtins.bytearray" -> {
                return new PyBytes(args.isEmpty() ? new byte[0] : bytesOf(args), name.equals("bytearray"));
            }
            case "_codecs.encode" -> {
                return new PyBytes(bytesOf(args), false);
            }
            case "builtins.complex" -> {
                return new PyComplex(number(arg(args, 0)), args.size() > 1 ? number(args.get(1)) : 0.0);
            }
            case "builtins.getattr" -> {
                if (arg(args, 0) instanceof PyGlobal owner && arg(args, 1) instanceof PyScalar s && s.value() instanceof String attr) {
                    return new PyGlobal(owner.module(), owner.name() + "." + attr);
                }
                return new PyObject("builtins", "getattr", args);
            }
            case "zoneinfo.ZoneInfo._unpickle", "zoneinfo.ZoneInfo" -> {
                return new PyZone(string(arg(args, 0)));
            }
            case "datetime.timezone" -> {
                PyTimeDelta td = (PyTimeDelta) arg(args, 0);
                String tzName = args.size() > 1 ? string(args.get(1)) : null;
                return new PyTimeZone((td.days() * 86_400L + td.seconds()) * 1_000_000L + td.microseconds(), tzName);
            }
            case "datetime.datetime", "datetime.date", "datetime.time", "datetime.timedelta" -> {
                return PyDates.construct(name, args);
            }
            case "decimal.Decimal" -> {
                return new PyDecimal(string(arg(args, 0)));
            }
            case "uuid.UUID" -> {
                if (!args.isEmpty() && args.get(0) instanceof PyScalar s && s.value() instanceof String text) {
                    return new PyUuid(UUID.fromString(text));
                }
                return new PyObject("uuid", "UUID", args);
            }
            case "collections.OrderedDict" -> {
                PyDict dict = new PyDict(PyDict.Kind.ORDERED_DICT, 4, null);
                if (!args.isEmpty()) {
                    budget.charge(2L * SLOT * iterable(args.get(0)).size());
                    for (PyValue pair : iterable(args.get(0))) {
                        List<PyValue> kv = iterable(pair);
                        dict.put(kv.get(0), kv.get(1));
                    }
                }
                return dict;
            }
            case "collections.defaultdict" -> {
                return new PyDict(PyDict.Kind.DEFAULT_DICT, 4, args.isEmpty() ? PyScalar.NONE : args.get(0));
            }
            case "collections.Counter" -> {
                PyDict counter = new PyDict(PyDict.Kind.COUNTER, 4, null);
                if (!args.isEmpty() && args.get(0) instanceof PyDict source) {
                    budget.charge(2L * SLOT * source.size());
                    for (int i = 0; i < source.size(); i++) {
                        counter.put(source.key(i), source.value(i));
                    }
                }
                return counter;
            }
            case "collections.deque" -> {
                Long maxlen = args.size() > 1 && args.get(1) instanceof PyScalar s && s.value() instanceof Long l ? l : null;
                PyDeque deque = new PyDeque(maxlen);
                if (!args.isEmpty()) {
                    budget.charge((long) SLOT * iterable(args.get(0)).size());
                    deque.items.addAll(iterable(args.get(0)));
                }
                return deque;
            }
            case "copyreg._reconstructor" -> {
                return reconstruct(args);
            }
            case "copyreg.__newobj__" -> {
                return call(arg(args, 0), args.subList(1, args.size()));
            }
            default -> {
                if (module.equals("pathlib") && name.contains("Path")) {
                    return path(name, args);
                }
                return new PyObject(g.module(), name, args);
            }
        }
    }

    /** BUILD: hands the state to an unknown object; turns a uuid.UUID object into a {@link PyUuid}. */
    PyValue build(PyValue target, PyValue state) {
        if (target instanceof PyObject obj) {
            if (obj.name().equals("UUID") && obj.module().equals("uuid") && state instanceof PyDict d
                    && d.get("int") instanceof PyScalar s && s.value() instanceof Number n) {
                BigInteger v = n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
                return new PyUuid(new UUID(v.shiftRight(64).longValue(), v.longValue()));
            }
            obj.setState(state);
        }
        // Other targets (an OrderedDict subclass with attributes, …) keep their items; the state is not shown.
        return target;
    }

    /** copyreg._reconstructor(cls, base, state): an object of cls built like base from state (protocols 0 and 1). */
    private static PyValue reconstruct(List<PyValue> args) {
        if (!(arg(args, 0) instanceof PyGlobal cls)) {
            throw new CorruptPickleException("copyreg._reconstructor is called without a class");
        }
        PyValue baseState = args.size() > 2 ? args.get(2) : PyScalar.NONE;
        List<PyValue> objectArgs;
        if (baseState instanceof PyTuple t) {
            objectArgs = t.items();
        } else if (baseState instanceof PyScalar s && s.value() == null) {
            objectArgs = List.of();
        } else {
            objectArgs = List.of(baseState);
        }
        if (normalModule(cls.module()).equals("uuid") && cls.name().equals("UUID")) {
            return new PyObject("uuid", "UUID", List.of());
        }
        return new PyObject(cls.module(), cls.name(), objectArgs);
    }

    /** A path joined from its parts; the text is charged before it is built (one part may be given a million times). */
    private PyPath path(String kind, List<PyValue> args) {
        char sep = kind.contains("Windows") ? '\\' : '/';
        long length = 0;
        for (PyValue part : args) {
            length += string(part).length() + 1;
        }
        budget.charge(2 * length);
        StringBuilder out = new StringBuilder();
        for (PyValue part : args) {
            if (out.length() > 0 && out.charAt(out.length() - 1) != sep) {
                out.append(sep);
            }
            out.append(string(part));
        }
        return new PyPath(kind, out.length() == 0 ? "." : out.toString());
    }

    /**
     * The Python 3 name of a global, as pickle.load's fix_imports gives it: protocols 0–2 written by Python 3
     * still name Python 2's modules (__builtin__.xrange, exceptions.ValueError).
     */
    static PyGlobal pythonThreeName(String module, String name) {
        String m = switch (module) {
            case "__builtin__", "exceptions" -> "builtins";
            case "copy_reg" -> "copyreg";
            case "Queue" -> "queue";
            case "cPickle" -> "pickle";
            case "UserDict", "UserList", "UserString" -> "collections";
            default -> module;
        };
        if (m.equals("builtins")) {
            switch (name) {
                case "xrange" -> name = "range";
                case "long" -> name = "int";
                case "unicode", "basestring" -> name = "str";
                case "unichr" -> name = "chr";
                case "StandardError" -> name = "Exception";
                case "reduce" -> {
                    return new PyGlobal("functools", "reduce");
                }
                default -> {
                }
            }
        }
        return new PyGlobal(m, name);
    }

    static String normalModule(String module) {
        return pythonThreeName(module, "").module();
    }

    private byte[] bytesOf(List<PyValue> args) {
        PyValue first = args.get(0);
        if (first instanceof PyBytes b) {
            return b.data();
        }
        if (first instanceof PyScalar s && s.value() instanceof String text) {
            budget.charge(text.length());
            // Protocols 0–2 write bytes as a latin-1 string plus the encoding's name.
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
        if (first instanceof PyList || first instanceof PyTuple) {
            List<PyValue> ints = iterable(first);
            budget.charge(ints.size());
            byte[] out = new byte[ints.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) number(ints.get(i));
            }
            return out;
        }
        throw new CorruptPickleException("bytes are made from something that is not bytes");
    }

    static PyValue arg(List<PyValue> args, int i) {
        if (i >= args.size()) {
            throw new CorruptPickleException("a call has too few arguments");
        }
        return args.get(i);
    }

    static List<PyValue> iterable(PyValue v) {
        if (v instanceof PyList l) {
            return l.items();
        }
        if (v instanceof PyTuple t) {
            return t.items();
        }
        if (v instanceof PySet s) {
            return s.items();
        }
        throw new CorruptPickleException("a call expects a list but got something else");
    }

    static String string(PyValue v) {
        if (v instanceof PyScalar s && s.value() instanceof String text) {
            return text;
        }
        throw new CorruptPickleException("a call expects a string but got something else");
    }

    static double number(PyValue v) {
        if (v instanceof PyScalar s && s.value() instanceof Number n) {
            return n.doubleValue();
        }
        throw new CorruptPickleException("a call expects a number but got something else");
    }

    static long integer(PyValue v) {
        if (v instanceof PyScalar s && s.value() instanceof Long n) {
            return n;
        }
        throw new CorruptPickleException("a call expects an integer but got something else");
    }
}
