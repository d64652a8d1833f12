package io.toolsmith.data;

import io.toolsmith.data.PyValue.PyList;
import io.toolsmith.data.PyValue.PyScalar;
import io.toolsmith.data.PyValue.PyTuple;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A list of records shown as a table: dicts with the same string keys, or objects of one class with the
 * same attributes. Rows are read from the records on demand; sorting makes a new view over the same rows.
 * Immutable; safe to share between threads once the value is fully read.
 */
public final class PyTable {
    /** A nested value written as JSON in one CSV field is cut off here; it is data, not a table any more. */
    static final long FIELD_CHARS = 16L << 20;
    private final List<String> columns;
    private final List<PyDict> records;
    private final int[] order;

    private PyTable(List<String> columns, List<PyDict> records, int[] order) {
        this.columns = columns;
        this.records = records;
        this.order = order;
    }

    /** Most cells the window's table is made of; a larger list of records is shown as a tree. */
    public static final long DISPLAY_CELLS = 10_000_000;

    /**
     * A table for the window: as {@link #of}, but only up to {@link #DISPLAY_CELLS} cells, because sorting the window's
     * table makes the text of a whole column (a pickle of 600 KB can be 100,000 records of 10,000 attributes).
     */
    public static Optional<PyTable> forDisplay(PyValue value) {
        return of(value).filter(t -> (long) t.rowCount() * t.columns().size() <= DISPLAY_CELLS);
    }

    /** A table when {@code value} is a non-empty list (or tuple) of records with the same columns. */
    public static Optional<PyTable> of(PyValue value) {
        List<PyValue> items = value instanceof PyList l ? l.items() : value instanceof PyTuple t ? t.items() : List.of();
        if (items.isEmpty()) {
            return Optional.empty();
        }
        PyObject first = items.get(0) instanceof PyObject o ? o : null;
        List<PyDict> records = new ArrayList<>(items.size());
        List<String> columns = null;
        // A wide record shared by many rows is compared once, so a pickle cannot make this quadratic.
        Set<PyDict> wideChecked = Collections.newSetFromMap(new IdentityHashMap<>());
        // Objects whose state is a (dict, slots) pair merge it; one state shared by many objects is merged once.
        Map<PyValue, PyDict> mergedByState = new IdentityHashMap<>();
        for (PyValue item : items) {
            PyDict record;
            if (first == null && item instanceof PyDict d && d.kind() != PyDict.Kind.DEFAULT_DICT) {
                record = d;
            } else if (first != null && item instanceof PyObject o && o.sameClass(first)) {
                record = o.state() instanceof PyDict d ? d : mergedByState.computeIfAbsent(
                        o.state() == null ? PyScalar.NONE : o.state(), s -> o.attributes());
            } else {
                return Optional.empty();
            }
            if (columns == null) {
                columns = stringKeys(record);
                if (columns == null || columns.isEmpty()) {
                    return Optional.empty();
                }
            } else if ((record.size() <= 16 || wideChecked.add(record)) && !sameKeys(record, columns)) {
                return Optional.empty();
            }
            records.add(record);
        }
        int[] order = new int[records.size()];
        Arrays.setAll(order, i -> i);
        return Optional.of(new PyTable(List.copyOf(columns), records, order));
    }

    public List<String> columns() {
        return columns;
    }

    public int rowCount() {
        return order.length;
    }

    /** The values of row {@code row} (in the current sort order), one per column. */
    public List<PyValue> row(int row) {
        return records.get(order[row]).values();
    }

    public PyValue cell(int row, int column) {
        return row(row).get(column);
    }

    /**
     * Every row as {@link PyText#cell} texts, for the window's table. A value shared by many rows (the memo makes
     * that cheap in a pickle) gets its text made once, and the rows share it.
     */
    public List<List<String>> displayRows() {
        Map<PyValue, String> made = new IdentityHashMap<>();
        List<List<String>> rows = new ArrayList<>(order.length);
        for (int r = 0; r < order.length; r++) {
            List<PyValue> values = row(r);
            String[] cells = new String[values.size()];
            for (int c = 0; c < cells.length; c++) {
                PyValue v = values.get(c);
                cells[c] = v instanceof PyScalar s && !(s.value() instanceof java.math.BigInteger)
                        ? PyText.cell(v) : made.computeIfAbsent(v, PyText::cell);
            }
            rows.add(List.of(cells));
        }
        return rows;
    }

    /**
     * Every row as {@link PyText#cell} texts, made only when asked: the window's table asks for the cells it draws
     * (and for one column's when it sorts by it), so a large table is not turned into strings up front. A row keeps
     * its texts once made. Any thread, but one at a time.
     */
    public List<List<String>> lazyDisplayRows() {
        return new java.util.AbstractList<>() {
            @Override
            public List<String> get(int row) {
                return new LazyRow(row(row));
            }

            @Override
            public int size() {
                return order.length;
            }
        };
    }

    /** One row's cell texts, each made the first time it is read. */
    private static final class LazyRow extends java.util.AbstractList<String> {
        private final List<PyValue> values;
        private String[] cells;

        LazyRow(List<PyValue> values) {
            this.values = values;
        }

        @Override
        public String get(int column) {
            if (cells == null) {
                cells = new String[values.size()];
            }
            String cell = cells[column];
            if (cell == null) {
                cell = PyText.cell(values.get(column));
                cells[column] = cell;
            }
            return cell;
        }

        @Override
        public int size() {
            return values.size();
        }
    }

    /** Rows sorted by a column; stable, so equal values keep their order. */
    public PyTable sortedBy(String column, boolean ascending) {
        int c = columns.indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException("no column " + column);
        }
        Integer[] boxed = Arrays.stream(order).boxed().toArray(Integer[]::new);
        Comparator<Integer> cmp = Comparator.comparing(i -> records.get(i).value(c), PyCompare.INSTANCE);
        Arrays.sort(boxed, ascending ? cmp : cmp.reversed());
        return new PyTable(columns, records, Arrays.stream(boxed).mapToInt(Integer::intValue).toArray());
    }

    /**
     * Export: writes the table as CSV to {@code file} through a temporary file, so the target is either complete or
     * untouched; refused past {@link PyJson#EXPORT_LIMIT} characters.
     */
    public void exportCsv(java.nio.file.Path file) throws IOException, PickleReadException {
        java.nio.file.Path tmp = java.nio.file.Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            try (Writer out = java.nio.file.Files.newBufferedWriter(tmp, java.nio.charset.StandardCharsets.UTF_8)) {
                writeCsv(out);
            }
            PyJson.moveInto(tmp, file);
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
    }

    /** Writes the table as CSV (RFC 4180 quoting), header first; refused past {@link PyJson#EXPORT_LIMIT} characters. */
    public void writeCsv(Writer out) throws IOException, PickleReadException {
        String stopped = writeCsv(out, PyJson.EXPORT_LIMIT);
        if (stopped != null) {
            throw new PickleReadException("The CSV was not finished: " + stopped
                    + ". Look at the data with `toolsmith inspect` instead.");
        }
    }

    /**
     * Writes the table as CSV, header first, fields in {@link PyText#field} form (exact).
     * @return null when written in full, else why it stopped after fewer rows (it would be longer than
     *     {@code maxChars}: a long string shared by many records is written in every row)
     */
    public String writeCsv(Writer out, long maxChars) throws IOException {
        // Strings are shared, not copied, in memory, but CSV repeats them in every row: count before writing any.
        long strings = 0;
        for (int r = 0; r < order.length && strings <= maxChars; r++) {
            for (PyValue v : row(r)) {
                strings += v instanceof PyScalar s && s.value() instanceof String str ? str.length() : 0;
            }
        }
        if (strings > maxChars) {
            return "its strings alone would be longer than " + String.format("%,d", maxChars) + " characters";
        }
        long written = write(out, csvLine(columns));
        for (int r = 0; r < order.length; r++) {
            List<String> cells = new ArrayList<>(columns.size());
            long room = maxChars - written;
            for (PyValue v : row(r)) {
                String field = PyText.field(v, Math.min(room, FIELD_CHARS));
                if (field == null || field.length() > room) {
                    out.flush();
                    return "it would be longer than " + String.format("%,d", maxChars) + " characters (stopped at row "
                            + String.format("%,d", r + 1) + ")";
                }
                room -= field.length();
                cells.add(field);
            }
            written += write(out, csvLine(cells));
        }
        out.flush();
        return null;
    }

    private static long write(Writer out, String text) throws IOException {
        out.write(text);
        return text.length();
    }

    private static String csvLine(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String s = cells.get(i);
            if (i > 0) {
                line.append(',');
            }
            if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
                line.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                line.append(s);
            }
        }
        return line.append("\r\n").toString();
    }

    private static List<String> stringKeys(PyDict d) {
        List<String> out = new ArrayList<>(d.size());
        for (PyValue k : d.keys()) {
            if (!(k instanceof PyScalar s && s.value() instanceof String str)) {
                return null;
            }
            out.add(str);
        }
        return out;
    }

    private static boolean sameKeys(PyDict d, List<String> columns) {
        if (d.size() != columns.size()) {
            return false;
        }
        for (int i = 0; i < columns.size(); i++) {
            // Records written by one function list their keys in the same order; a different order is not a table.
            if (!(d.key(i) instanceof PyScalar s && columns.get(i).equals(s.value()))) {
                return false;
            }
        }
        return true;
    }
}
