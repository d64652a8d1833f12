package io.toolsmith.data;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import io.toolsmith.data.DataChange.Kind;
import io.toolsmith.data.DataChange.RecordChange;
import io.toolsmith.data.PyValue.PyDeque;
import io.toolsmith.data.PyValue.PyList;
import io.toolsmith.data.PyValue.PySet;
import io.toolsmith.data.PyValue.PyTuple;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a call did to a data folder, read by Toolsmith's own pickle reader: files and folders added, removed or
 * changed, and for a pickle of records (a list, tuple, set, deque or dict at the top) the records added, changed or
 * removed. The folder after the call is hostile (0009): it is walked without following links, files are opened
 * through {@link DataTree#read} (regular files only, {@code O_NOFOLLOW}), a folder over the quota is not read, and
 * each file is read only up to {@link #MAX_COMPARED_BYTES}.
 *
 * <p>Only entries the call touched are read: one whose inode, size and change time ({@code ctime}, which no call
 * can set back) are as before the call is the same file, unread.
 */
public final class DataChanges {
    /** The records listed per file; the rest are counted. */
    public static final int MAX_RECORDS_SHOWN = 50;
    static final long MAX_COMPARED_BYTES = 64L * 1024 * 1024;
    /** A record is shown as at most this much JSON. */
    private static final int RECORD_CHARS = 300;
    /** Past this product of the two differing parts' lengths, records are paired by position, not by a shortest edit. */
    private static final long MAX_EDIT_PRODUCT = 4_000_000;
    /** Records are compared by their JSON up to this length: longer ones that agree this far count as equal. */
    private static final int COMPARED_CHARS = 100_000;

    private final PickleReader reader = new PickleReader(MAX_COMPARED_BYTES);
    private final DataQuota quota;

    public DataChanges(DataQuota quota) {
        this.quota = quota;
    }

    /**
     * The changes from {@code before} (a listing of {@code work} made before the call; its files' contents as they
     * were are in {@code original}, the same paths) to {@code work} as it is now.
     */
    public List<DataChange> between(DataTree original, DataTree.Listing before, DataTree work) {
        DataTree.Listing after;
        try {
            after = work.walk();
        } catch (IOException | DataTreeException e) {
            return List.of(new DataChange("", Kind.CHANGED, "The data folder after the call could not be listed: "
                    + e.getMessage(), List.of(), 0));
        }
        Optional<String> excess = quota.excess(after);
        if (excess.isPresent()) {
            return List.of(new DataChange("", Kind.CHANGED, "After the call " + excess.get()
                    + "; its changes were not read.", List.of(), 0));
        }
        Map<String, TreeEntry> was = byPath(before);
        Map<String, TreeEntry> now = byPath(after);
        List<DataChange> changes = new ArrayList<>();
        for (TreeEntry e : now.values()) {
            TreeEntry old = was.get(e.path());
            if (old == null) {
                changes.add(added(work, e));
            } else if (old.kind() != e.kind()) {
                changes.add(new DataChange(DataNames.display(e.path()), Kind.CHANGED, DataNames.display(e.path())
                        + ": " + article(old) + " replaced by " + article(e), List.of(), 0));
            } else if (e.kind() == TreeEntry.Kind.FILE && touched(old, e)) {
                changes.add(changed(original, work, old, e));
            }
        }
        for (TreeEntry e : was.values()) {
            if (!now.containsKey(e.path())) {
                changes.add(removed(original, e));
            }
        }
        changes.sort(java.util.Comparator.comparing(DataChange::path));
        return changes;
    }

    private static Map<String, TreeEntry> byPath(DataTree.Listing listing) {
        Map<String, TreeEntry> map = new TreeMap<>();
        listing.entries().forEach(e -> map.put(e.path(), e));
        return map;
    }

    private static boolean touched(TreeEntry before, TreeEntry after) {
        return before.inode() != after.inode() || before.size() != after.size() || before.ctimeNs() != after.ctimeNs();
    }

    private DataChange added(DataTree work, TreeEntry e) {
        String shown = DataNames.display(e.path());
        if (e.kind() != TreeEntry.Kind.FILE) {
            String what = e.kind() == TreeEntry.Kind.LINK ? "a link to " + DataNames.display(e.target())
                    + " added (not followed)" : e.kind().words() + " added";
            return new DataChange(shown, Kind.ADDED, shown + ": " + what, List.of(), 0);
        }
        Contents now = contents(work, e);
        if (now.records != null) {
            List<RecordChange> records = diff(new Records(List.of(), null), now.records);
            return withRecords(shown, Kind.ADDED, shown + ": new file, " + counts(records), records);
        }
        return new DataChange(shown, Kind.ADDED, shown + ": new file, " + bytes(e.size()) + now.note(), List.of(), 0);
    }

    private DataChange removed(DataTree original, TreeEntry e) {
        String shown = DataNames.display(e.path());
        if (e.kind() != TreeEntry.Kind.FILE) {
            return new DataChange(shown, Kind.REMOVED, shown + ": " + e.kind().words() + " removed", List.of(), 0);
        }
        Contents was = contents(original, e);
        if (was.records != null) {
            List<RecordChange> records = diff(was.records, new Records(List.of(), null));
            return withRecords(shown, Kind.REMOVED, shown + ": removed, " + counts(records), records);
        }
        return new DataChange(shown, Kind.REMOVED, shown + ": removed (" + bytes(e.size()) + ")", List.of(), 0);
    }

    private DataChange changed(DataTree original, DataTree work, TreeEntry old, TreeEntry e) {
        String shown = DataNames.display(e.path());
        Contents was = contents(original, old);
        Contents now = contents(work, e);
        if (was.bytes != null && java.util.Arrays.equals(was.bytes, now.bytes)) {
            return new DataChange(shown, Kind.CHANGED, shown + ": written again, same contents", List.of(), 0);
        }
        if (was.records != null && now.records != null && was.records.keyed() == now.records.keyed()) {
            List<RecordChange> records = diff(was.records, now.records);
            return withRecords(shown, Kind.CHANGED, shown + ": " + (records.isEmpty()
                    ? "rewritten, the same records" : counts(records)), records);
        }
        String note = now.note().isEmpty() ? was.note() : now.note();
        return new DataChange(shown, Kind.CHANGED, shown + ": changed (" + bytes(old.size()) + " → "
                + bytes(e.size()) + ")" + note, List.of(), 0);
    }

    private static DataChange withRecords(String shown, Kind kind, String summary, List<RecordChange> records) {
        int more = Math.max(0, records.size() - MAX_RECORDS_SHOWN);
        return new DataChange(shown, kind, summary, records.subList(0, records.size() - more), more);
    }

    /** A file's bytes and, for a pickle of records, its records; {@code problem} says why they are missing. */
    private record Contents(byte[] bytes, Records records, String problem) {
        String note() {
            return problem == null ? "" : "; " + problem;
        }
    }

    /**
     * Top-level records as compact JSON: list items in order, or dict entries by key.
     *
     * @param keys the keys of a dict's entries (same order as {@code values}); null for a sequence
     */
    private record Records(List<String> values, List<String> keys) {
        boolean keyed() {
            return keys != null;
        }
    }

    private Contents contents(DataTree tree, TreeEntry e) {
        if (e.size() > MAX_COMPARED_BYTES) {
            return new Contents(null, null, "too large to compare");
        }
        byte[] bytes;
        try {
            bytes = tree.read(e.path(), MAX_COMPARED_BYTES);
        } catch (IOException | DataTreeException ex) {
            return new Contents(null, null, "it could not be read: " + ex.getMessage());
        }
        if (!looksLikePickle(e.path(), bytes)) {
            return new Contents(bytes, null, null);
        }
        try {
            return new Contents(bytes, records(reader.read(DataNames.display(e.name()), bytes)), null);
        } catch (PickleReadException ex) {
            return new Contents(bytes, null, ex.getMessage());
        }
    }

    /** By extension, else by the first byte: 0x80 starts every pickle of protocol 2 or later. */
    private static boolean looksLikePickle(String path, byte[] bytes) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return name.endsWith(".pkl") || name.endsWith(".pickle") || name.endsWith(".p")
                || (bytes.length > 0 && (bytes[0] & 0xff) == 0x80);
    }

    /** The records of a value, or null when it is not a container of records (then only "changed" is said). */
    private static Records records(PyValue value) {
        List<PyValue> items = value instanceof PyList l ? l.items() : value instanceof PyTuple t ? t.items()
                : value instanceof PySet s ? s.items() : value instanceof PyDeque d ? d.items() : null;
        if (items != null) {
            return new Records(items.stream().map(v -> PyJson.compact(v, COMPARED_CHARS)).toList(), null);
        }
        if (value instanceof PyDict dict) {
            List<String> keys = new ArrayList<>(dict.size());
            List<String> values = new ArrayList<>(dict.size());
            for (int i = 0; i < dict.size(); i++) {
                keys.add(PyJson.compact(dict.key(i), COMPARED_CHARS));
                values.add(PyJson.compact(dict.value(i), COMPARED_CHARS));
            }
            return new Records(values, keys);
        }
        return null;
    }

    /** Sequences by a shortest edit (Myers, java-diff-utils); dicts key by key. */
    private static List<RecordChange> diff(Records was, Records now) {
        List<RecordChange> out = new ArrayList<>();
        if (was.keyed() || now.keyed()) {
            Map<String, String> before = keyed(was);
            Map<String, String> after = keyed(now);
            after.forEach((k, v) -> {
                String old = before.get(k);
                if (old == null) {
                    out.add(new RecordChange(Kind.ADDED, shortText(k), null, shortText(v)));
                } else if (!old.equals(v)) {
                    out.add(new RecordChange(Kind.CHANGED, shortText(k), shortText(old), shortText(v)));
                }
            });
            before.forEach((k, v) -> {
                if (!after.containsKey(k)) {
                    out.add(new RecordChange(Kind.REMOVED, shortText(k), shortText(v), null));
                }
            });
            return out;
        }
        List<String> a = was.values();
        List<String> b = now.values();
        // The common start and end first: the usual change (records appended, one edited) costs a linear pass.
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
            start++;
        }
        int end = 0;
        while (end < a.size() - start && end < b.size() - start
                && a.get(a.size() - 1 - end).equals(b.get(b.size() - 1 - end))) {
            end++;
        }
        List<String> gone = a.subList(start, a.size() - end);
        List<String> come = b.subList(start, b.size() - end);
        if ((long) gone.size() * come.size() > MAX_EDIT_PRODUCT) {
            // A shortest edit of two long, different middles would take minutes: they are paired by position.
            pair(out, gone, come, start, start);
            return out;
        }
        for (AbstractDelta<String> delta : DiffUtils.diff(gone, come).getDeltas()) {
            pair(out, delta.getSource().getLines(), delta.getTarget().getLines(),
                    start + delta.getSource().getPosition(), start + delta.getTarget().getPosition());
        }
        return out;
    }

    /** Records replaced by others: as many as there are on both sides changed, the rest added or removed. */
    private static void pair(List<RecordChange> out, List<String> gone, List<String> come, int from, int to) {
        int paired = Math.min(gone.size(), come.size());
        for (int i = 0; i < paired; i++) {
            out.add(new RecordChange(Kind.CHANGED, "#" + (to + i), shortText(gone.get(i)), shortText(come.get(i))));
        }
        for (int i = paired; i < come.size(); i++) {
            out.add(new RecordChange(Kind.ADDED, "#" + (to + i), null, shortText(come.get(i))));
        }
        for (int i = paired; i < gone.size(); i++) {
            out.add(new RecordChange(Kind.REMOVED, "#" + (from + i) + " (before)", shortText(gone.get(i)), null));
        }
    }

    private static Map<String, String> keyed(Records records) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < records.values().size(); i++) {
            map.put(records.keyed() ? records.keys().get(i) : "#" + i, records.values().get(i));
        }
        return map;
    }

    private static String shortText(String json) {
        return json.length() <= RECORD_CHARS ? json : json.substring(0, RECORD_CHARS) + "…";
    }

    /** "1 record added", "2 records added, 1 changed, 1 removed", "no records". */
    static String counts(List<RecordChange> records) {
        List<String> parts = new ArrayList<>();
        for (Kind kind : List.of(Kind.ADDED, Kind.CHANGED, Kind.REMOVED)) {
            long n = records.stream().filter(r -> r.kind() == kind).count();
            if (n > 0) {
                String verb = kind.name().toLowerCase(Locale.ROOT);
                parts.add(parts.isEmpty() ? n + (n == 1 ? " record " : " records ") + verb : n + " " + verb);
            }
        }
        return parts.isEmpty() ? "no records" : String.join(", ", parts);
    }

    private static String article(TreeEntry e) {
        String words = e.kind().words();
        return ("aeiou".indexOf(words.charAt(0)) >= 0 ? "an " : "a ") + words;
    }

    private static String bytes(long n) {
        return n == 1 ? "1 byte" : String.format(Locale.ROOT, "%,d bytes", n);
    }
}
