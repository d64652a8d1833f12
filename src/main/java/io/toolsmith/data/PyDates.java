package io.toolsmith.data;

import io.toolsmith.data.PyValue.PyBytes;
import io.toolsmith.data.PyValue.PyDate;
import io.toolsmith.data.PyValue.PyDateTime;
import io.toolsmith.data.PyValue.PyScalar;
import io.toolsmith.data.PyValue.PyTime;
import io.toolsmith.data.PyValue.PyTimeDelta;
import io.toolsmith.data.PyValue.PyTimeZone;
import io.toolsmith.data.PyValue.PyZone;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * datetime's pickled forms (packed bytes plus an optional tzinfo) and Python's isoformat() text for them,
 * including the UTC offset of fixed and IANA time zones (fold picks the offset in an ambiguous hour).
 */
final class PyDates {
    private PyDates() {
    }

    static PyValue construct(String type, List<PyValue> args) {
        try {
            return switch (type) {
                case "timedelta" -> new PyTimeDelta(args.isEmpty() ? 0 : PyReductions.integer(args.get(0)),
                        args.size() > 1 ? PyReductions.integer(args.get(1)) : 0,
                        args.size() > 2 ? PyReductions.integer(args.get(2)) : 0);
                case "date" -> {
                    byte[] b = packed(args, 4);
                    yield new PyDate(LocalDate.of(u(b, 0) << 8 | u(b, 1), u(b, 2), u(b, 3)));
                }
                case "time" -> {
                    byte[] b = packed(args, 6);
                    yield new PyTime(LocalTime.of(u(b, 0) & 0x7f, u(b, 1), u(b, 2), micros(b, 3) * 1000),
                            u(b, 0) >> 7, args.size() > 1 ? tz(args.get(1)) : null);
                }
                default -> {
                    byte[] b = packed(args, 10);
                    LocalDateTime local = LocalDateTime.of(u(b, 0) << 8 | u(b, 1), u(b, 2) & 0x7f, u(b, 3),
                            u(b, 4), u(b, 5), u(b, 6), micros(b, 7) * 1000);
                    yield new PyDateTime(local, u(b, 2) >> 7, args.size() > 1 ? tz(args.get(1)) : null);
                }
            };
        } catch (DateTimeException e) {
            throw new CorruptPickleException("a " + type + " holds an impossible value");
        }
    }

    private static PyValue tz(PyValue v) {
        return v instanceof PyScalar s && s.value() == null ? null : v;
    }

    private static byte[] packed(List<PyValue> args, int length) {
        PyValue first = PyReductions.arg(args, 0);
        byte[] b;
        if (first instanceof PyBytes bytes) {
            b = bytes.data();
        } else if (first instanceof PyScalar s && s.value() instanceof String text) {
            b = text.getBytes(StandardCharsets.ISO_8859_1);
        } else {
            throw new CorruptPickleException("a date or time is not stored in its packed form");
        }
        if (b.length != length) {
            throw new CorruptPickleException("a date or time has " + b.length + " bytes instead of " + length);
        }
        return b;
    }

    private static int u(byte[] b, int i) {
        return b[i] & 0xff;
    }

    private static int micros(byte[] b, int i) {
        return u(b, i) << 16 | u(b, i + 1) << 8 | u(b, i + 2);
    }

    /** Offset in microseconds east of UTC, or null when naive or not a time zone this reader knows. */
    static Long offsetMicros(LocalDateTime local, int fold, PyValue tzinfo) {
        if (tzinfo instanceof PyTimeZone fixed) {
            return fixed.offsetMicros();
        }
        if (tzinfo instanceof PyZone zone) {
            try {
                ZoneRules rules = ZoneId.of(zone.key()).getRules();
                ZoneOffsetTransition transition = rules.getTransition(local);
                ZoneOffset offset = transition == null ? rules.getOffset(local)
                        : fold == 0 ? transition.getOffsetBefore() : transition.getOffsetAfter();
                return offset.getTotalSeconds() * 1_000_000L;
            } catch (DateTimeException e) {
                return null;
            }
        }
        return null;
    }

    static String iso(PyDateTime dt) {
        StringBuilder out = new StringBuilder(32);
        LocalDateTime l = dt.local();
        pad(out, l.getYear(), 4).append('-');
        pad(out, l.getMonthValue(), 2).append('-');
        pad(out, l.getDayOfMonth(), 2).append('T');
        clock(out, l.toLocalTime());
        Long offset = offsetMicros(l, dt.fold(), dt.tzinfo());
        if (offset != null) {
            offset(out, offset);
        }
        return out.toString();
    }

    static String iso(PyDate d) {
        StringBuilder out = new StringBuilder(10);
        pad(out, d.date().getYear(), 4).append('-');
        pad(out, d.date().getMonthValue(), 2).append('-');
        return pad(out, d.date().getDayOfMonth(), 2).toString();
    }

    static String iso(PyTime t) {
        StringBuilder out = new StringBuilder(16);
        clock(out, t.time());
        // A time's offset does not depend on a date for fixed zones; IANA zones use today's rules as Python does not.
        Long offset = t.tzinfo() instanceof PyTimeZone fixed ? Long.valueOf(fixed.offsetMicros()) : null;
        if (offset != null) {
            offset(out, offset);
        }
        return out.toString();
    }

    /** Python's str(timedelta), e.g. "1 day, 1:01:01.000001". */
    static String text(PyTimeDelta td) {
        StringBuilder out = new StringBuilder();
        if (td.days() != 0) {
            out.append(td.days()).append(Math.abs(td.days()) == 1 ? " day, " : " days, ");
        }
        out.append(td.seconds() / 3600).append(':');
        pad(out, (int) (td.seconds() / 60 % 60), 2).append(':');
        pad(out, (int) (td.seconds() % 60), 2);
        if (td.microseconds() != 0) {
            out.append('.');
            pad(out, (int) td.microseconds(), 6);
        }
        return out.toString();
    }

    static String offsetText(long micros) {
        return offset(new StringBuilder(), micros).toString();
    }

    private static void clock(StringBuilder out, LocalTime t) {
        pad(out, t.getHour(), 2).append(':');
        pad(out, t.getMinute(), 2).append(':');
        pad(out, t.getSecond(), 2);
        int us = t.getNano() / 1000;
        if (us != 0) {
            out.append('.');
            pad(out, us, 6);
        }
    }

    private static StringBuilder offset(StringBuilder out, long micros) {
        out.append(micros < 0 ? '-' : '+');
        long abs = Math.abs(micros);
        long seconds = abs / 1_000_000;
        pad(out, (int) (seconds / 3600), 2).append(':');
        pad(out, (int) (seconds / 60 % 60), 2);
        if (seconds % 60 != 0 || abs % 1_000_000 != 0) {
            out.append(':');
            pad(out, (int) (seconds % 60), 2);
            if (abs % 1_000_000 != 0) {
                out.append('.');
                pad(out, (int) (abs % 1_000_000), 6);
            }
        }
        return out;
    }

    private static StringBuilder pad(StringBuilder out, long value, int width) {
        String s = Long.toString(value);
        for (int i = s.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(s);
    }
}
