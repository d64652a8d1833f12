package io.toolsmith.data;

import io.toolsmith.data.PyValue.PyBytes;
import io.toolsmith.data.PyValue.PyDeque;
import io.toolsmith.data.PyValue.PyGlobal;
import io.toolsmith.data.PyValue.PyList;
import io.toolsmith.data.PyValue.PyScalar;
import io.toolsmith.data.PyValue.PySet;
import io.toolsmith.data.PyValue.PyTuple;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Razorvine's unpickler, turned into a reader that builds {@link PyValue}s and never runs or looks up code.
 *
 * <p>Why the dispatch is taken over for most opcodes: Razorvine maps dicts to HashMap (order lost), tuples
 * and frozensets to plain arrays and sets (kind lost), bytes and bytearray to the same byte[], and resolves
 * classes through a static registry that throws on unknown classes. Here GLOBAL pushes a {@link PyGlobal}
 * name, and REDUCE/NEWOBJ/BUILD go through {@link PyReductions}, which knows the standard types and turns
 * anything else into a {@link PyObject}. Length-prefixed opcodes check lengths against the file first.
 * The line-based opcodes of protocols 0 and 1 (INT, LONG, FLOAT, STRING, UNICODE) stay with Razorvine.
 * Not thread-safe: one instance reads one pickle at a time.
 */
final class PyUnpickler extends Unpickler {
    private static final Object STOPPED = new Object();
    private final PyReductions reductions = new PyReductions();
    private PickleStack st;
    private ByteSource src;
    private Object[] memoArray = new Object[1024];
    private int opcodeStart;

    /** Offset of the opcode being read (or last read): where an error is reported. */
    int opcodeStart() {
        return opcodeStart;
    }

    PyValue read(ByteSource source) throws IOException {
        Object result = load(source);
        return wrap(result);
    }

    @Override
    public Object load(InputStream stream) throws PickleException, IOException {
        src = (ByteSource) stream;
        input = stream;
        st = new PickleStack();
        stack = st;
        try {
            while (true) {
                if (src.pos >= src.data.length) {
                    throw new EOFException();
                }
                opcodeStart = src.pos;
                Object value = dispatch((short) (src.data[src.pos++] & 0xff));
                if (value != NO_RETURN_VALUE) {
                    return value;
                }
            }
        } finally {
            memoArray = new Object[0];
        }
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.STOP -> {
                return st.pop();
            }
            case Opcodes.NONE -> st.add(PyScalar.NONE);
            case Opcodes.NEWTRUE -> st.add(PyScalar.TRUE);
            case Opcodes.NEWFALSE -> st.add(PyScalar.FALSE);
            case Opcodes.BININT -> st.add(PyScalar.of(src.i32()));
            case Opcodes.BININT1 -> st.add(PyScalar.of(src.u8()));
            case Opcodes.BININT2 -> st.add(PyScalar.of(src.u16()));
            case Opcodes.LONG1 -> st.add(PyScalar.ofInteger(decodeLong(src.length(src.u8()))));
            case Opcodes.LONG4 -> st.add(PyScalar.ofInteger(decodeLong(src.length(src.i32()))));
            case Opcodes.BINFLOAT -> st.add(new PyScalar(src.f64BigEndian()));
            case Opcodes.SHORT_BINUNICODE -> st.add(new PyScalar(src.utf8(src.u8())));
            case Opcodes.BINUNICODE -> st.add(new PyScalar(src.utf8(src.length(Integer.toUnsignedLong(src.i32())))));
            case Opcodes.BINUNICODE8 -> st.add(new PyScalar(src.utf8(src.length(src.i64()))));
            case Opcodes.SHORT_BINSTRING -> st.add(new PyScalar(src.latin1(src.u8())));
            case Opcodes.BINSTRING -> st.add(new PyScalar(src.latin1(src.length(src.i32()))));
            case Opcodes.SHORT_BINBYTES -> st.add(new PyBytes(src.bytes(src.u8()), false));
            case Opcodes.BINBYTES -> st.add(new PyBytes(src.bytes(src.length(Integer.toUnsignedLong(src.i32()))), false));
            case Opcodes.BINBYTES8 -> st.add(new PyBytes(src.bytes(src.length(src.i64())), false));
            case Opcodes.BYTEARRAY8 -> st.add(new PyBytes(src.bytes(src.length(src.i64())), true));
            case Opcodes.FRAME -> src.i64();
            case Opcodes.FLOAT -> st.add(new PyScalar(textFloat(PickleUtils.readline(input).trim())));
            case Opcodes.MARK -> st.add_mark();
            case Opcodes.EMPTY_LIST -> st.add(new PyList(new ArrayList<>()));
            case Opcodes.EMPTY_DICT -> st.add(new PyDict());
            case Opcodes.EMPTY_SET -> st.add(new PySet(false, new ArrayList<>()));
            case Opcodes.EMPTY_TUPLE -> st.add(new PyTuple(List.of()));
            case Opcodes.TUPLE1 -> st.add(new PyTuple(List.of(pop())));
            case Opcodes.TUPLE2 -> {
                PyValue b = pop();
                st.add(new PyTuple(List.of(pop(), b)));
            }
            case Opcodes.TUPLE3 -> {
                PyValue c = pop();
                PyValue b = pop();
                st.add(new PyTuple(List.of(pop(), b, c)));
            }
            case Opcodes.TUPLE -> st.add(new PyTuple(Arrays.asList(popMarked().toArray(new PyValue[0]))));
            case Opcodes.LIST -> st.add(new PyList(popMarked()));
            case Opcodes.FROZENSET -> st.add(new PySet(true, popMarked()));
            case Opcodes.DICT -> {
                PyDict dict = new PyDict();
                setItems(dict, popMarked());
                st.add(dict);
            }
            case Opcodes.APPEND -> {
                PyValue item = pop();
                append(st.peek(), List.of(item));
            }
            case Opcodes.APPENDS -> {
                ArrayList<PyValue> items = popMarked();
                append(st.peek(), items);
            }
            case Opcodes.ADDITEMS -> {
                ArrayList<PyValue> items = popMarked();
                if (!(st.peek() instanceof PySet set)) {
                    throw new CorruptPickleException("items are added to something that is not a set");
                }
                set.items.addAll(items);
            }
            case Opcodes.SETITEM -> {
                PyValue value = pop();
                PyValue k = pop();
                setItems(st.peek(), List.of(k, value));
            }
            case Opcodes.SETITEMS -> {
                ArrayList<PyValue> kv = popMarked();
                setItems(st.peek(), kv);
            }
            case Opcodes.MEMOIZE -> memoPut(memoCount(), st.peek());
            case Opcodes.BINPUT -> memoPut(src.u8(), st.peek());
            case Opcodes.LONG_BINPUT -> memoPut(Integer.toUnsignedLong(src.i32()), st.peek());
            case Opcodes.PUT -> memoPut(Long.parseLong(PickleUtils.readline(input).trim()), st.peek());
            case Opcodes.BINGET -> st.add(memoGet(src.u8()));
            case Opcodes.LONG_BINGET -> st.add(memoGet(Integer.toUnsignedLong(src.i32())));
            case Opcodes.GET -> st.add(memoGet(Long.parseLong(PickleUtils.readline(input).trim())));
            case Opcodes.GLOBAL -> st.add(PyReductions.pythonThreeName(PickleUtils.readline(input), PickleUtils.readline(input)));
            case Opcodes.STACK_GLOBAL -> {
                String name = popString();
                st.add(PyReductions.pythonThreeName(popString(), name));
            }
            case Opcodes.REDUCE -> {
                PyValue args = pop();
                st.add(reductions.call(pop(), tupleItems(args)));
            }
            case Opcodes.NEWOBJ -> {
                PyValue args = pop();
                st.add(reductions.call(pop(), tupleItems(args)));
            }
            case Opcodes.NEWOBJ_EX -> {
                pop(); // keyword arguments: not needed to show the object
                PyValue args = pop();
                st.add(reductions.call(pop(), tupleItems(args)));
            }
            case Opcodes.INST -> {
                PyGlobal cls = PyReductions.pythonThreeName(PickleUtils.readline(input), PickleUtils.readline(input));
                st.add(reductions.call(cls, popMarked()));
            }
            case Opcodes.OBJ -> {
                ArrayList<PyValue> items = popMarked();
                if (items.isEmpty()) {
                    throw new CorruptPickleException("OBJ has no class");
                }
                st.add(reductions.call(items.get(0), items.subList(1, items.size())));
            }
            case Opcodes.BUILD -> {
                PyValue state = pop();
                Object target = st.peek();
                PyValue built = reductions.build(wrap(target), state);
                if (built != target) {
                    replaceTop(target, built);
                }
            }
            case Opcodes.POP_MARK -> st.truncateToMark(st.markStart());
            case Opcodes.NEXT_BUFFER, Opcodes.READONLY_BUFFER ->
                    throw new CorruptPickleException("out-of-band buffers, which a file cannot hold,");
            case Opcodes.PERSID, Opcodes.BINPERSID ->
                    throw new CorruptPickleException("a persistent id, which only the program that wrote it can resolve,");
            case Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4 ->
                    throw new CorruptPickleException("a copyreg extension code, which only the program that wrote it can resolve,");
            default -> {
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    /** LONG1/LONG4 payload: little-endian two's complement. */
    private BigInteger decodeLong(int n) throws EOFException {
        byte[] le = src.bytes(n);
        if (n == 0) {
            return BigInteger.ZERO;
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = le[n - 1 - i];
        }
        return new BigInteger(be);
    }

    /** Protocol 0 floats are repr() text, which writes nan and inf the Python way. */
    private static double textFloat(String text) {
        return switch (text) {
            case "nan", "-nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private PyValue pop() {
        return wrap(st.pop());
    }

    private String popString() {
        if (pop() instanceof PyScalar s && s.value() instanceof String str) {
            return str;
        }
        throw new CorruptPickleException("a class name is not a string");
    }

    private ArrayList<PyValue> popMarked() {
        int start = st.markStart();
        ArrayList<PyValue> out = new ArrayList<>(st.size() - start);
        for (int i = start; i < st.size(); i++) {
            out.add(wrap(st.get(i)));
        }
        st.truncateToMark(start);
        return out;
    }

    private static List<PyValue> tupleItems(PyValue args) {
        if (args instanceof PyTuple t) {
            return t.items;
        }
        if (args instanceof PyList l) {
            return l.items;
        }
        throw new CorruptPickleException("the arguments of a call are not a tuple");
    }

    private static void append(Object target, List<PyValue> items) {
        if (target instanceof PyList list) {
            list.items.addAll(items);
        } else if (target instanceof PyDeque deque) {
            deque.items.addAll(items);
        } else if (target instanceof PySet set) {
            set.items.addAll(items);
        } else if (target instanceof PyObject obj) {
            ((ArrayList<PyValue>) obj.items()).addAll(items);
        } else {
            throw new CorruptPickleException("items are appended to something that is not a list");
        }
    }

    private static void setItems(Object target, List<PyValue> keysAndValues) {
        PyDict dict;
        if (target instanceof PyDict d) {
            dict = d;
        } else if (target instanceof PyObject obj) {
            dict = obj.dictItemsForWriting();
        } else {
            throw new CorruptPickleException("items are set on something that is not a dict");
        }
        if (keysAndValues.size() % 2 != 0) {
            throw new CorruptPickleException("a dict has a key without a value");
        }
        for (int i = 0; i < keysAndValues.size(); i += 2) {
            dict.put(keysAndValues.get(i), keysAndValues.get(i + 1));
        }
    }

    private int memoCount = 0;

    private long memoCount() {
        return memoCount;
    }

    private void memoPut(long index, Object value) {
        if (index < 0 || index > src.data.length) {
            throw new CorruptPickleException("a memo index is out of range");
        }
        int i = (int) index;
        if (i >= memoArray.length) {
            memoArray = Arrays.copyOf(memoArray, Math.max(i + 1, memoArray.length * 2));
        }
        memoArray[i] = value;
        if (i >= memoCount) {
            memoCount = i + 1;
        }
    }

    private Object memoGet(long index) {
        if (index < 0 || index >= memoCount || memoArray[(int) index] == null) {
            throw new CorruptPickleException("a reference to memo entry " + index + " that was never stored");
        }
        return memoArray[(int) index];
    }

    /** BUILD replaced an object by a known value (e.g. uuid.UUID): point the stack top and memo at it. */
    private void replaceTop(Object old, PyValue built) {
        st.pop();
        st.add(built);
        for (int i = memoCount - 1; i >= 0 && i >= memoCount - 16; i--) {
            if (memoArray[i] == old) {
                memoArray[i] = built;
            }
        }
    }

    /** Turns what Razorvine's own opcode handlers pushed (Integer, String, …) into a {@link PyValue}. */
    static PyValue wrap(Object raw) {
        if (raw instanceof PyValue v) {
            return v;
        }
        if (raw == null) {
            return PyScalar.NONE;
        }
        if (raw instanceof Integer i) {
            return PyScalar.of(i);
        }
        if (raw instanceof Long || raw instanceof Double || raw instanceof String) {
            return new PyScalar(raw);
        }
        if (raw instanceof Boolean b) {
            return b ? PyScalar.TRUE : PyScalar.FALSE;
        }
        if (raw instanceof BigInteger b) {
            return PyScalar.ofInteger(b);
        }
        if (raw instanceof byte[] b) {
            return new PyBytes(b, false);
        }
        throw new CorruptPickleException("a mark is used as a value");
    }
}
