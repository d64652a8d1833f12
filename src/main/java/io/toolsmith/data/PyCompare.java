package io.toolsmith.data;

import io.toolsmith.data.PyValue.PyDate;
import io.toolsmith.data.PyValue.PyDateTime;
import io.toolsmith.data.PyValue.PyDecimal;
import io.toolsmith.data.PyValue.PyScalar;
import io.toolsmith.data.PyValue.PyTimeDelta;
import java.math.BigDecimal;
import java.util.Comparator;

/**
 * Orders values for sorting a table column: None first, then numbers (int, float, Decimal, bool) by value,
 * then strings, dates and datetimes, durations, and anything else by its text. Never throws.
 */
final class PyCompare implements Comparator<PyValue> {
    static final PyCompare INSTANCE = new PyCompare();

    @Override
    public int compare(PyValue a, PyValue b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        switch (ra) {
            case 0:
                return 0;
            case 1:
                return number(a).compareTo(number(b));
            case 2:
                return ((String) ((PyScalar) a).value()).compareTo((String) ((PyScalar) b).value());
            case 3:
                return ((PyDate) a).date().compareTo(((PyDate) b).date());
            case 4:
                return ((PyDateTime) a).local().compareTo(((PyDateTime) b).local());
            case 5:
                return Long.compare(micros((PyTimeDelta) a), micros((PyTimeDelta) b));
            default:
                return PyText.cell(a).compareTo(PyText.cell(b));
        }
    }

    private static int rank(PyValue v) {
        if (v instanceof PyScalar s) {
            Object x = s.value();
            if (x == null) {
                return 0;
            }
            if (x instanceof Double d && d.isNaN()) {
                return 6;
            }
            return x instanceof String ? 2 : 1;
        }
        if (v instanceof PyDecimal d) {
            return isNumber(d.text()) ? 1 : 6;
        }
        if (v instanceof PyDate) {
            return 3;
        }
        if (v instanceof PyDateTime) {
            return 4;
        }
        if (v instanceof PyTimeDelta) {
            return 5;
        }
        return 6;
    }

    private static BigDecimal number(PyValue v) {
        if (v instanceof PyDecimal d) {
            return new BigDecimal(d.text());
        }
        Object x = ((PyScalar) v).value();
        if (x instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (x instanceof Double d) {
            return d.isInfinite() ? BigDecimal.valueOf(d > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE).multiply(BigDecimal.TEN)
                    : BigDecimal.valueOf(d);
        }
        // Never through decimal text: a huge int would take minutes to print.
        return x instanceof java.math.BigInteger b ? new BigDecimal(b) : BigDecimal.valueOf(((Number) x).longValue());
    }

    private static boolean isNumber(String text) {
        try {
            new BigDecimal(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static long micros(PyTimeDelta td) {
        return (td.days() * 86_400L + td.seconds()) * 1_000_000L + td.microseconds();
    }
}
