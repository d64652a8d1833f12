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
import net.razorvine.pickle.Unpickler;

/**
 * Razorvine's unpickler, turned into a reader that builds {@link PyValue}s and never runs or looks up code.
 *
 * <p>Why the dispatch is taken over for most opcodes: Razorvine maps dicts to HashMap (order lost), tuples
 * and frozensets to plain arrays and sets (kind lost), bytes and bytearray to the same byte[], and resolves
 * classes through a static registry that throws on unknown classes. Here GLOBAL pushes a {@link PyGlobal}
 * name, and REDUCE/NEWOBJ/BUILD go through {@link PyReductions}, which knows the standard types and turns
 * anything else into a {@link PyObject}. Length-prefixed opcodes check lengths against the file first.
 * The line-based STRING and UNICODE of protocols 0 and 1 stay with Razorvine; INT and LONG are ours so a line of
 * millions of digits is refused instead of parsed in quadratic time. Every value made is charged to a
 * {@link PickleBudget} before it is made, and the budget's clock is looked at in the opcode loop.
 * Not thread-safe: one instance reads one pickle at a time.
 */
final class PyUnpickler extends Unpickler {
    /** Python itself refuses to turn longer digit strings into an int (sys.get_int_max_str_digits()). */
    static final int MAX_TEXT_DIGITS = 4300;
    /** Estimated bytes of a small value object (header, fields, a boxed number). */
    private static final int OBJECT = 32;
    /** A container's object and its first, empty backing array. */
    private static final int CONTAINER = 48;
    /** One reference in a growing array, including the room growth leaves free. */
    private static final int SLOT = 8;
    private final PickleBudget budget;
    private final PyReductions reductions;
    private PickleStack st;
    private ByteSource src;
    private Object[] memoArray = new Object[1024];
    private int opcodeStart;

    PyUnpickler(PickleBudget budget) {
        this.budget = budget;
        this.reductions = new PyReductions(budget);
    }

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
        st = new PickleStack(budget);
        stack = st;
        try {
            while (true) {
                if (src.pos >= src.data.length) {
                    throw new EOFException();
                }
                opcodeStart = src.pos;
                budget.tick();
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
            case Opcodes.BININT -> st.add(small(PyScalar.of(src.i32())));
            case Opcodes.BININT1 -> st.add(small(PyScalar.of(src.u8())));
            case Opcodes.BININT2 -> st.add(small(PyScalar.of(src.u16())));
            case Opcodes.LONG1 -> st.add(PyScalar.ofInteger(decodeLong(src.length(src.u8()))));
            case Opcodes.LONG4 -> st.add(PyScalar.ofInteger(decodeLong(src.length(src.i32()))));
            case Opcodes.BINFLOAT -> st.add(small(new PyScalar(src.f64BigEndian())));
            case Opcodes.SHORT_BINUNICODE -> st.add(new PyScalar(src.utf8(text(src.u8()))));
            case Opcodes.BINUNICODE -> st.add(new PyScalar(src.utf8(text(src.length(Integer.toUnsignedLong(src.i32()))))));
            case Opcodes.BINUNICODE8 -> st.add(new PyScalar(src.utf8(text(src.length(src.i64())))));
            case Opcodes.SHORT_BINSTRING -> st.add(new PyScalar(src.latin1(text(src.u8()))));
            case Opcodes.BINSTRING -> st.add(new PyScalar(src.latin1(text(src.length(src.i32())))));
            case Opcodes.SHORT_BINBYTES -> st.add(new PyBytes(src.bytes(binary(src.u8())), false));
            case Opcodes.BINBYTES -> st.add(new PyBytes(src.bytes(binary(src.length(Integer.toUnsignedLong(src.i32())))), false));
            case Opcodes.BINBYTES8 -> st.add(new PyBytes(src.bytes(binary(src.length(src.i64()))), false));
            case Opcodes.BYTEARRAY8 -> st.add(new PyBytes(src.bytes(binary(src.length(src.i64()))), true));
            case Opcodes.FRAME -> src.i64();
            case Opcodes.FLOAT -> st.add(small(new PyScalar(textFloat(line().trim()))));
            case Opcodes.INT -> st.add(textInt(line().trim()));
            case Opcodes.LONG -> st.add(textInt(line().trim()));
            case Opcodes.MARK -> st.add_mark();
            case Opcodes.EMPTY_LIST -> st.add(container(new PyList(new ArrayList<>())));
            case Opcodes.EMPTY_DICT -> st.add(container(new PyDict()));
            case Opcodes.EMPTY_SET -> st.add(container(new PySet(false, new ArrayList<>())));
            case Opcodes.EMPTY_TUPLE -> st.add(PyTuple.EMPTY);
            case Opcodes.TUPLE1 -> st.add(container(new PyTuple(List.of(pop()))));
            case Opcodes.TUPLE2 -> {
                PyValue b = pop();
                st.add(container(new PyTuple(List.of(pop(), b))));
            }
            case Opcodes.TUPLE3 -> {
                PyValue c = pop();
                PyValue b = pop();
                st.add(container(new PyTuple(List.of(pop(), b, c))));
            }
            case Opcodes.TUPLE -> st.add(container(new PyTuple(Arrays.asList(kept(popMarked()).toArray(new PyValue[0])))));
            case Opcodes.LIST -> st.add(container(new PyList(kept(popMarked()))));
            case Opcodes.FROZENSET -> st.add(container(new PySet(true, kept(popMarked()))));
            case Opcodes.DICT -> {
                PyDict dict = container(new PyDict());
                setItems(dict, kept(popMarked()));
                st.add(dict);
            }
            case Opcodes.APPEND -> {
                budget.charge(SLOT);
                PyValue item = pop();
                append(st.peek(), List.of(item));
            }
            case Opcodes.APPENDS -> {
                ArrayList<PyValue> items = popMarked();
                budget.charge((long) SLOT * items.size());
                append(st.peek(), items);
            }
            case Opcodes.ADDITEMS -> {
                ArrayList<PyValue> items = popMarked();
                budget.charge((long) SLOT * items.size());
                if (!(st.peek() instanceof PySet set)) {
                    throw new CorruptPickleException("items are added to something that is not a set");
                }
                set.items.addAll(items);
            }
            case Opcodes.SETITEM -> {
                budget.charge(2 * SLOT);
                PyValue value = pop();
                PyValue k = pop();
                setItems(st.peek(), List.of(k, value));
            }
            case Opcodes.SETITEMS -> {
                ArrayList<PyValue> kv = popMarked();
                budget.charge((long) SLOT * kv.size());
                setItems(st.peek(), kv);
            }
            case Opcodes.MEMOIZE -> memoPut(memoCount(), st.peek());
            case Opcodes.BINPUT -> memoPut(src.u8(), st.peek());
            case Opcodes.LONG_BINPUT -> memoPut(Integer.toUnsignedLong(src.i32()), st.peek());
            case Opcodes.PUT -> memoPut(Long.parseLong(line().trim()), st.peek());
            case Opcodes.BINGET -> st.add(memoGet(src.u8()));
            case Opcodes.LONG_BINGET -> st.add(memoGet(Integer.toUnsignedLong(src.i32())));
            case Opcodes.GET -> st.add(memoGet(Long.parseLong(line().trim())));
            case Opcodes.GLOBAL -> st.add(small(PyReductions.pythonThreeName(line(), line())));
            case Opcodes.STACK_GLOBAL -> {
                String name = popString();
                st.add(small(PyReductions.pythonThreeName(popString(), name)));
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
                PyGlobal cls = PyReductions.pythonThreeName(line(), line());
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
                // STRING, UNICODE, POP, DUP, PROTO: a value at most as long as its line, in UTF-16.
                Object value = super.dispatch(key);
                budget.charge(OBJECT + 2L * (src.pos - opcodeStart));
                if (value == NO_RETURN_VALUE && st.size() > 0 && st.peek() instanceof String text) {
                    // Wrapped once, here, so a memo entry keeps one identity for every GET of it.
                    st.pop();
                    st.add(new PyScalar(text));
                }
                return value;
            }
        }
        return NO_RETURN_VALUE;
    }

    /** LONG1/LONG4 payload: little-endian two's complement. */
    private BigInteger decodeLong(int n) throws EOFException {
        binary(n);
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

    /** Charges a small value object and returns it. */
    private <T> T small(T value) {
        budget.charge(OBJECT);
        return value;
    }

    private <T> T container(T value) {
        budget.charge(CONTAINER);
        return value;
    }

    /** Charges a string of {@code n} UTF-8 or latin-1 bytes (at most {@code n} UTF-16 chars) before it is decoded. */
    private int text(int n) {
        budget.charge(OBJECT + 16 + 2L * n);
        return n;
    }

    private int binary(int n) {
        budget.charge(OBJECT + 16 + (long) n);
        return n;
    }

    /** A line of protocols 0 and 1, charged as the string it becomes. */
    private String line() throws EOFException {
        String line = src.line();
        budget.charge(OBJECT + 16 + 2L * line.length());
        return line;
    }

    /**
     * INT and LONG of protocols 0 and 1: decimal text. Longer than Python itself accepts is refused, because turning
     * millions of digits into a number takes quadratic time.
     */
    private PyScalar textInt(String text) {
        if (text.equals("01")) {
            return PyScalar.TRUE;
        }
        if (text.equals("00")) {
            return PyScalar.FALSE;
        }
        String digits = text.endsWith("L") ? text.substring(0, text.length() - 1) : text;
        if (digits.length() > MAX_TEXT_DIGITS + 1) {
            throw new CorruptPickleException("an integer written with more than " + String.format("%,d", MAX_TEXT_DIGITS)
                    + " digits, which Python itself refuses to read,");
        }
        budget.charge(OBJECT + digits.length());
        return PyScalar.ofInteger(new BigInteger(digits));
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

    /** Charges the items of a new container's array. */
    private ArrayList<PyValue> kept(ArrayList<PyValue> items) {
        budget.charge((long) SLOT * items.size());
        return items;
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
        // Each memo entry takes an opcode of its own, so an index past the bytes read so far is not from a pickler.
        if (index < 0 || index > src.pos) {
            throw new CorruptPickleException("a memo index (" + index + ") is out of range");
        }
        int i = (int) index;
        if (i >= memoArray.length) {
            int length = (int) Math.min(Math.max(i + 1L, memoArray.length * 2L), src.data.length + 1L);
            budget.charge(4L * (length - memoArray.length));
            memoArray = Arrays.copyOf(memoArray, length);
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
