package io.toolsmith.data;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A Python value read from a pickle, without running any of its code.
 *
 * <p>Leaves are records. Containers ({@link PyList}, {@link PyTuple}, {@link PySet}, {@link PyDict},
 * {@link PyDeque}, {@link PyObject}) are classes with identity equality, because a pickle may share
 * them or make them contain themselves; views detect that by identity (see {@link PyJson}).
 * Containers are filled while a pickle is read and must be treated as read-only afterwards.
 */
public sealed interface PyValue permits PyValue.PyScalar, PyValue.PyBytes, PyValue.PyDateTime, PyValue.PyDate,
        PyValue.PyTime, PyValue.PyTimeDelta, PyValue.PyTimeZone, PyValue.PyZone, PyValue.PyDecimal, PyValue.PyComplex,
        PyValue.PyUuid, PyValue.PyPath, PyValue.PyGlobal, PyValue.PyList, PyValue.PyTuple, PyValue.PySet,
        PyValue.PyDeque, PyDict, PyObject {

    /** None, bool, int (Long or BigInteger), float (Double) or str: {@code value} is null or one of those. */
    record PyScalar(Object value) implements PyValue {
        public static final PyScalar NONE = new PyScalar(null);
        public static final PyScalar TRUE = new PyScalar(Boolean.TRUE);
        public static final PyScalar FALSE = new PyScalar(Boolean.FALSE);

        public static PyScalar of(long v) {
            return new PyScalar(v);
        }

        public static PyScalar ofInteger(BigInteger v) {
            return v.bitLength() < 64 ? new PyScalar(v.longValue()) : new PyScalar(v);
        }
    }

    /** bytes, or bytearray when {@code mutable}. */
    record PyBytes(byte[] data, boolean mutable) implements PyValue {
    }

    /** datetime.datetime; {@code tzinfo} is null when naive, else a {@link PyTimeZone}, {@link PyZone} or other value. */
    record PyDateTime(LocalDateTime local, int fold, PyValue tzinfo) implements PyValue {
    }

    record PyDate(LocalDate date) implements PyValue {
    }

    record PyTime(LocalTime time, int fold, PyValue tzinfo) implements PyValue {
    }

    record PyTimeDelta(long days, long seconds, long microseconds) implements PyValue {
    }

    /** datetime.timezone: a fixed offset in microseconds, with the optional name it was given. */
    record PyTimeZone(long offsetMicros, String name) implements PyValue {
    }

    /** zoneinfo.ZoneInfo: an IANA zone such as Europe/Paris. */
    record PyZone(String key) implements PyValue {
    }

    /** decimal.Decimal, kept as Python's own text so no digit is lost. */
    record PyDecimal(String text) implements PyValue {
    }

    record PyComplex(double real, double imag) implements PyValue {
    }

    record PyUuid(UUID uuid) implements PyValue {
    }

    /** A pathlib path; {@code kind} is the class name (PosixPath, PureWindowsPath, …). */
    record PyPath(String kind, String path) implements PyValue {
    }

    /** A reference to a class or function itself, e.g. a defaultdict's factory {@code builtins.list}. */
    record PyGlobal(String module, String name) implements PyValue {
        public String qualifiedName() {
            return module + "." + name;
        }
    }

    final class PyList implements PyValue {
        final ArrayList<PyValue> items;

        public PyList(ArrayList<PyValue> items) {
            this.items = items;
        }

        public List<PyValue> items() {
            return items;
        }
    }

    final class PyTuple implements PyValue {
        /** The empty tuple: one object, as in Python (never written as a reference, so sharing it is safe). */
        public static final PyTuple EMPTY = new PyTuple(List.of());
        final List<PyValue> items;

        public PyTuple(List<PyValue> items) {
            this.items = items;
        }

        public List<PyValue> items() {
            return items;
        }
    }

    /** set, or frozenset when {@code frozen}; items in the order the pickle lists them. */
    final class PySet implements PyValue {
        final boolean frozen;
        final ArrayList<PyValue> items;

        public PySet(boolean frozen, ArrayList<PyValue> items) {
            this.frozen = frozen;
            this.items = items;
        }

        public boolean frozen() {
            return frozen;
        }

        public List<PyValue> items() {
            return items;
        }
    }

    /** collections.deque; {@code maxlen} is null when unbounded. */
    final class PyDeque implements PyValue {
        final ArrayList<PyValue> items = new ArrayList<>();
        final Long maxlen;

        public PyDeque(Long maxlen) {
            this.maxlen = maxlen;
        }

        public List<PyValue> items() {
            return items;
        }

        public Long maxlen() {
            return maxlen;
        }
    }
}
