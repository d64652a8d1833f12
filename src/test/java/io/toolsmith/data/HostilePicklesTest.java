package io.toolsmith.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pickles written to exhaust the reader (the data folder is written by code the user cannot vouch for): each ends
 * in seconds, through {@code toolsmith inspect} (tree and JSON) and the export path, with either a bounded, correct
 * output or exit code 2 and a sentence naming the file, the limit and the byte, and never a stack trace.
 * Files Python can write are written by python3; the others are opcode bytes made here.
 */
// Measured at 0.01–14 s each on two cores with a load average near 10; the bound allows for such a machine.
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostilePicklesTest {
    /** Reads what the writers produce: deeper and longer than Jackson's defaults, as the tests need. */
    static final ObjectMapper LENIENT = new ObjectMapper(JsonFactory.builder().streamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(10_000).maxStringLength(64 << 20).maxNumberLength(5000).build()).build());
    private static final int MIB = 1 << 20;

    @TempDir
    static Path dir;
    static Path sharedString;
    static Path sharedRecords;
    static Path sharedWide;
    static Path sharedNested;
    static Path hugeInt;
    static String hugeIntHex;
    static String hugeIntHead;
    static String hugeIntDigits;
    static Path cycle;
    static Path collidingKeys;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    static void pythonWritesWhatItCan() throws Exception {
        sharedString = dir.resolve("shared.pkl");
        sharedWide = dir.resolve("shared-wide.pkl");
        sharedNested = dir.resolve("shared-nested.pkl");
        sharedRecords = dir.resolve("records.pkl");
        hugeInt = dir.resolve("huge-int.pkl");
        cycle = dir.resolve("cycle.pkl");
        collidingKeys = dir.resolve("colliding.pkl");
        // One python3 run writes them all; each value is dropped before the next is made.
        String facts = Python.run("""
                import itertools, math, os, pickle, sys
                s = 'x' * (1 << 20)
                pickle.dump([s] * 100000, open(sys.argv[1], 'wb'), 4)
                s = '\u2603' * (1 << 19)
                pickle.dump([s] * 100000, open(sys.argv[2], 'wb'), 4)
                tags = list(range(100000))
                wide = {'c%d' % i: i for i in range(1000)}
                pickle.dump([[{'tags': tags, 'n': i} for i in range(100000)], [wide] * 100000], open(sys.argv[3], 'wb'), 4)
                del tags, wide
                s = 'x' * (1 << 20)
                pickle.dump([{'note': s, 'n': i} for i in range(100000)], open(sys.argv[4], 'wb'), 4)
                del s
                n = int.from_bytes(os.urandom(8 << 20), 'little') | (1 << (64 << 20) - 1)
                pickle.dump(n, open(sys.argv[5], 'wb'), 4)
                h = hex(n)
                open(sys.argv[6], 'w').write(h)
                print(h[:14], '{:,}'.format(math.floor((n.bit_length() - 1) * math.log10(2)) + 1))
                del n, h
                x = []
                x.append(x)
                d = {}
                d['me'] = d
                x.append(d)
                pickle.dump(x, open(sys.argv[7], 'wb'), 2)
                # 2^15 keys made of "Aa" and "BB", which all have the same String.hashCode in Java.
                keys = [''.join(p) for p in itertools.product(['Aa', 'BB'], repeat=15)]
                pickle.dump({k: i for i, k in enumerate(keys)}, open(sys.argv[8], 'wb'), 4)
                """, sharedString.toString(), sharedWide.toString(), sharedNested.toString(), sharedRecords.toString(),
                hugeInt.toString(), dir.resolve("huge-int.hex").toString(), cycle.toString(), collidingKeys.toString());
        hugeIntHex = Files.readString(dir.resolve("huge-int.hex"));
        hugeIntHead = facts.strip().split(" ")[0];
        hugeIntDigits = facts.strip().split(" ")[1];
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS) // on a loaded machine the read's own time limit (13 s here) may end it first
    void emptyDictOpcodesEndWithASentence() throws Exception {
        byte[] dicts = new byte[30 * MIB + 1];
        java.util.Arrays.fill(dicts, (byte) '}');
        dicts[dicts.length - 1] = '.';
        Path file = write("dicts.pkl", dicts);
        Python.Result r = Python.cli("inspect", file.toString(), "--json");
        assertRefused(r, "dicts.pkl was not shown: ");
        assertTrue(r.err().matches("dicts\\.pkl was not shown: (its values would need more than [\\d,]+ MiB of memory, far more "
                + "than a file of its size should|reading it took longer than \\d+ seconds) \\(stopped at byte \\d+\\)\\. .*\\s*"), r.err());
    }

    @Test
    void memoizedEmptyDictChainEndsWithTheMemorySentence() throws Exception {
        byte[] chain = new byte[2 + 2 * 4 * MIB + 1];
        chain[0] = (byte) 0x80;
        chain[1] = 4;
        for (int i = 2; i < chain.length - 1; i += 2) {
            chain[i] = '}';
            chain[i + 1] = (byte) 0x94;
        }
        chain[chain.length - 1] = '.';
        Path file = write("memo-dicts.pkl", chain);
        assertRefused(Python.cli("inspect", file.toString(), "--json"), "memo-dicts.pkl was not shown: its values would need more than ");
        PickleReadException e = assertThrows(PickleReadException.class, () -> new PickleReader().read(file));
        assertTrue(e.getMessage().matches("memo-dicts\\.pkl was not shown: .* \\(stopped at byte \\d+\\)\\. .*"), e.getMessage());
    }

    @Test
    void aStringSharedAHundredThousandTimesIsWrittenOnce() throws Exception {
        Python.Result r = Python.cli("inspect", sharedString.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().length() < 5 * MIB, "written once, not 100,000 times: " + r.out().length());
        JsonNode json = LENIENT.readTree(r.out());
        assertEquals(100000, json.size());
        assertEquals(1 << 20, json.get(0).textValue().length());
        assertEquals(LENIENT.readTree("{\"$ref\": \"#/0\"}"), json.get(1));
        assertEquals(LENIENT.readTree("{\"$ref\": \"#/0\"}"), json.get(99999));

        Python.Result tree = Python.cli("inspect", sharedString.toString());
        assertEquals(0, tree.exitCode(), tree.err());
        assertTrue(tree.out().contains("1: '" + "x".repeat(PyText.LABEL_CHARS) + "'…(1,048,576 characters)"), tree.out());
        assertTrue(tree.out().contains("… 99980 more (use --rows to show more)"), tree.out());
        assertTrue(tree.out().length() < 64 * 1024, "tree output is bounded: " + tree.out().length());

        PyValue value = new PickleReader().read(sharedString);
        Path exported = dir.resolve("shared.json");
        PyJson.export(value, exported);
        assertTrue(Files.size(exported) < 5 * MIB);
        assertEquals(json, LENIENT.readTree(exported.toFile()));

        PyTreeNode root = PyTreeNode.root(value);
        for (PyTreeNode child : root.children(0, 500)) {
            assertTrue(child.summary().length() < 300, child.summary());
        }
    }

    @Test
    void aSharedStringOfTwoByteCharactersIsWrittenOnceToo() throws Exception {
        Python.Result r = Python.cli("inspect", sharedWide.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().length() < 5 * MIB, "written once: " + r.out().length());
        JsonNode json = LENIENT.readTree(r.out());
        assertEquals("\u2603".repeat(1 << 19), json.get(0).textValue());
        assertEquals(LENIENT.readTree("{\"$ref\": \"#/0\"}"), json.get(99999));
    }

    @Test
    void theWindowsTableMakesTheTextOfASharedValueOnce() throws Exception {
        List<PyValue> parts = ((PyValue.PyList) new PickleReader().read(sharedNested)).items();
        PyTable tagged = PyTable.of(parts.get(0)).orElseThrow();
        List<List<String>> rows = tagged.displayRows();
        assertEquals(100000, rows.size());
        String tags = rows.get(0).get(0);
        assertTrue(tags.startsWith("[0,1,2,3,") && tags.endsWith("…") && tags.length() <= PyText.CELL_CHARS + 1, tags);
        assertSame(tags, rows.get(99999).get(0));
        assertEquals("99999", rows.get(99999).get(1));

        PyTable wide = PyTable.of(parts.get(1)).orElseThrow();
        assertEquals(1000, wide.columns().size());
        assertEquals(100000, wide.rowCount());
    }

    @Test
    void recordsSharingALongStringAreATableButTheirCsvIsRefusedBeforeWriting() throws Exception {
        PyValue value = new PickleReader().read(sharedRecords);
        PyTable table = PyTable.of(value).orElseThrow();
        assertEquals(100000, table.rowCount());
        // The window's table shows the one string in every row; it is never copied.
        assertSame(((PyValue.PyScalar) table.cell(0, 0)).value(), ((PyValue.PyScalar) table.cell(99999, 0)).value());
        assertSame(PyText.cell(table.cell(0, 0)), PyText.cell(table.cell(5, 0)));

        StringWriter csv = new StringWriter();
        PickleReadException e = assertThrows(PickleReadException.class, () -> table.writeCsv(csv));
        assertEquals("The CSV was not finished: its strings alone would be longer than 1,073,741,824 characters. "
                + "Look at the data with `toolsmith inspect` instead.", e.getMessage());
        assertEquals(0, csv.getBuffer().length(), "nothing written");
        Path earlier = dir.resolve("records.csv");
        Files.writeString(earlier, "an earlier export\n");
        assertThrows(PickleReadException.class, () -> table.exportCsv(earlier));
        assertEquals("an earlier export\n", Files.readString(earlier), "a refused export leaves the target as it was");

        Python.Result r = Python.cli("inspect", sharedRecords.toString(), "--csv");
        assertRefused(r, "records.pkl was shown only in part: its strings alone would be longer than 268,435,456 characters.");

        Python.Result json = Python.cli("inspect", sharedRecords.toString(), "--json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode records = LENIENT.readTree(json.out());
        assertEquals(LENIENT.readTree("{\"note\": {\"$ref\": \"#/0/note\"}, \"n\": 7}"), records.get(7));
    }

    @Test
    void anEightMebibyteIntegerIsAbbreviatedInTextAndHexInJson() throws Exception {
        Python.Result tree = Python.cli("inspect", hugeInt.toString());
        assertEquals(0, tree.exitCode(), tree.err());
        assertTrue(tree.out().startsWith(hugeIntHead), tree.out().substring(0, 40) + " vs " + hugeIntHead);
        assertTrue(tree.out().strip().endsWith("…(about " + hugeIntDigits + " digits)"), tree.out());
        assertTrue(tree.out().length() < 100, tree.out());

        Python.Result json = Python.cli("inspect", hugeInt.toString(), "--json");
        assertEquals(0, json.exitCode(), json.err());
        assertEquals(hugeIntHex, LENIENT.readTree(json.out()).get("$int").textValue());

        Path exported = dir.resolve("huge-int.json");
        PyJson.export(new PickleReader().read(hugeInt), exported);
        assertEquals(hugeIntHex, LENIENT.readTree(exported.toFile()).get("$int").textValue());
    }

    @Test
    void integersUpToFourThousandDigitsStayDecimal() throws Exception {
        Path file = dir.resolve("ten.pkl");
        Python.pickle(file, "[10 ** 4000, -(10 ** 4000)]", 4);
        Python.Result tree = Python.cli("inspect", file.toString());
        assertTrue(tree.out().contains("0: 1000000000…(4,001 digits)"), tree.out());
        assertTrue(tree.out().contains("1: -1000000000…(4,001 digits)"), tree.out());
        JsonNode json = LENIENT.readTree(Python.cli("inspect", file.toString(), "--json").out());
        assertEquals(java.math.BigInteger.TEN.pow(4000), json.get(0).bigIntegerValue());
    }

    /** A list nested a million levels: {@code [[[…]]]}, made of opcodes (Python's own pickler stops near 1,000). */
    static Path deepList() throws Exception {
        Path file = dir.resolve("deep.pkl");
        if (!Files.exists(file)) {
            int depth = 1_000_000;
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(new byte[] {(byte) 0x80, 2});
            b.write("]".repeat(depth).getBytes());
            b.write("a".repeat(depth - 1).getBytes());
            b.write('.');
            Files.write(file, b.toByteArray());
        }
        return file;
    }

    @Test
    void longDecimalsAndPathsAreCutInTheTree() throws Exception {
        Path file = dir.resolve("long-leaves.pkl");
        Python.pickle(file, "[__import__('decimal').Decimal('1' * 100000), __import__('pathlib').PurePosixPath('/d' * 50000)]", 4);
        Python.Result tree = Python.cli("inspect", file.toString());
        assertEquals(0, tree.exitCode(), tree.err());
        assertTrue(tree.out().contains("  0: " + "1".repeat(PyText.LABEL_CHARS) + "…"), tree.out());
        assertTrue(tree.out().contains("  1: " + "/d".repeat(PyText.LABEL_CHARS / 2) + "…"), tree.out());
        assertTrue(tree.out().length() < 1000, tree.out());
        JsonNode json = LENIENT.readTree(Python.cli("inspect", file.toString(), "--json").out());
        assertEquals("1".repeat(100000), json.get(0).get("$decimal").textValue());
    }

    @Test
    void aListNestedAMillionLevelsIsCutAtFiveHundredInJsonAndExport() throws Exception {
        Path file = deepList();
        Python.Result json = Python.cli("inspect", file.toString(), "--json");
        assertRefused(json, "deep.pkl was shown only in part: it is nested more than 500 levels deep.");
        JsonNode node = LENIENT.readTree(json.out());
        for (int level = 0; level < PyJson.MAX_DEPTH; level++) {
            assertEquals(1, node.size());
            node = node.get(0);
        }
        assertEquals("it is nested more than 500 levels deep", node.get("$truncated").textValue());

        PyValue value = new PickleReader().read(file);
        Path target = dir.resolve("deep-export.json");
        PickleReadException e = assertThrows(PickleReadException.class, () -> PyJson.export(value, target));
        assertEquals("deep-export.json was not written: it is nested more than 500 levels deep. Nothing was changed; "
                + "look at the data with `toolsmith inspect` instead.", e.getMessage());
        assertFalse(Files.exists(target));
        try (Stream<Path> left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void aListNestedAMillionLevelsIsPrintedAsFarAsTheOutputLimit() throws Exception {
        Path file = deepList();
        Python.Result tree = Python.cli("inspect", file.toString());
        assertEquals(0, tree.exitCode(), tree.err());
        assertTrue(tree.out().contains("… (use --depth to show deeper levels)"), tree.out());
        Python.Result all = Python.cli("inspect", file.toString(), "--depth", "2000000", "--max-mib", "4");
        assertEquals(0, all.exitCode(), all.err());
        assertTrue(all.out().strip().endsWith("… output stopped: the output reached 16,777,216 characters "
                + "(use --rows and --depth to show less, or --json)"), all.out().substring(all.out().length() - 300));
    }

    @Test
    void theWindowsTreeOpensAMillionLevelsOneAtATime() throws Exception {
        PyTreeNode n = PyTreeNode.root(new PickleReader().read(deepList()));
        int levels = 0;
        while (n.childCount() > 0) {
            n = n.children(0, 1).get(0);
            levels++;
        }
        assertEquals(999_999, levels);
        assertEquals("#/0/0/0/0…", n.path(9));
    }

    @Test
    void dictsAndTuplesNestedAMillionLevelsAreCutToo() throws Exception {
        int depth = 1_000_000;
        ByteArrayOutputStream dicts = new ByteArrayOutputStream();
        dicts.write(new byte[] {(byte) 0x80, 4});
        byte[] level = {'}', (byte) 0x8c, 1, 'k'};
        for (int i = 0; i < depth; i++) {
            dicts.write(level, 0, level.length);
        }
        dicts.write('}');
        dicts.write("s".repeat(depth).getBytes());
        dicts.write('.');
        Path dictFile = write("deep-dicts.pkl", dicts.toByteArray());
        assertRefused(Python.cli("inspect", dictFile.toString(), "--json"),
                "deep-dicts.pkl was shown only in part: it is nested more than 500 levels deep.");

        ByteArrayOutputStream tuples = new ByteArrayOutputStream();
        tuples.write(new byte[] {(byte) 0x80, 2, ')'});
        for (int i = 0; i < depth; i++) {
            tuples.write((byte) 0x85);
        }
        tuples.write('.');
        Path tupleFile = write("deep-tuples.pkl", tuples.toByteArray());
        assertRefused(Python.cli("inspect", tupleFile.toString(), "--json"),
                "deep-tuples.pkl was shown only in part: it is nested more than 500 levels deep.");
        assertEquals(0, Python.cli("inspect", tupleFile.toString()).exitCode());

        // Objects made with their inner object as argument, and OrderedDicts keyed by the inner one: the writer's
        // deepest frames per level. X(X(X(…None…))) and OrderedDict([(OrderedDict([(…, 'k')]), 'k')]).
        for (String cls : List.of("mod\nX\n", "collections\nOrderedDict\n")) {
            int n = 100_000;
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(new byte[] {(byte) 0x80, 2, 'c'});
            b.write(cls.getBytes());
            b.write(new byte[] {'q', 0});
            for (int i = 1; i < n; i++) {
                b.write(new byte[] {'h', 0});
            }
            b.write('N');
            byte[] call = cls.startsWith("mod") ? new byte[] {(byte) 0x85, 'R'}
                    : new byte[] {(byte) 0x8c, 1, 'k', (byte) 0x86, (byte) 0x85, (byte) 0x85, 'R'};
            for (int i = 0; i < n; i++) {
                b.write(call);
            }
            b.write('.');
            Path file = write("deep-calls.pkl", b.toByteArray());
            assertRefused(Python.cli("inspect", file.toString(), "--json"),
                    "deep-calls.pkl was shown only in part: it is nested more than 500 levels deep.");
        }
    }

    @Test
    void hugeDeclaredLengthsAllocateNothing() throws Exception {
        long huge = 1L << 62;
        for (int opcode : new int[] {0x8d /* BINUNICODE8 */, 0x8e /* BINBYTES8 */, 0x96 /* BYTEARRAY8 */}) {
            byte[] evil = new byte[11];
            evil[0] = (byte) 0x80;
            evil[1] = 5;
            evil[2] = (byte) opcode;
            for (int i = 0; i < 8; i++) {
                evil[3 + i] = (byte) (huge >>> (8 * i));
            }
            Path file = write("length.pkl", evil);
            assertRefused(Python.cli("inspect", file.toString(), "--json"),
                    "length.pkl is not a readable pickle: unexpected end of data at byte 11.");
        }
        // BINUNICODE of 4 GiB and LONG4 of 2 GiB, with nothing behind them.
        for (byte[] evil : List.of(new byte[] {(byte) 0x80, 2, 'X', -1, -1, -1, -1}, new byte[] {(byte) 0x80, 2, (byte) 0x8b, -1, -1, -1, 0x7f})) {
            PickleReadException e = assertThrows(PickleReadException.class, () -> new PickleReader().read("length.pkl", evil));
            assertEquals("length.pkl is not a readable pickle: unexpected end of data at byte 7. It may be damaged or not a "
                    + "pickle; undo the last call if it wrote this file.", e.getMessage());
        }
    }

    @Test
    void memoIndexesFarOutOfRangeAreRefused() throws Exception {
        byte[] put = {(byte) 0x80, 4, 'N', 'r', -1, -1, -1, 0x7f, '.'};
        Path file = write("memo.pkl", put);
        assertRefused(Python.cli("inspect", file.toString()),
                "memo.pkl is not a readable pickle: a memo index (2147483647) is out of range at byte 3.");
        // An index inside the file's length but past what was read: still no array of that size.
        byte[] near = {(byte) 0x80, 4, 'N', 'r', 100, 0, 0, 0, '.'};
        PickleReadException e = assertThrows(PickleReadException.class, () -> new PickleReader().read("memo.pkl", padded(near, 200)));
        assertTrue(e.getMessage().startsWith("memo.pkl is not a readable pickle: a memo index (100) is out of range at byte 3."), e.getMessage());
        byte[] get = {(byte) 0x80, 4, 'j', -1, -1, -1, -1, '.'};
        e = assertThrows(PickleReadException.class, () -> new PickleReader().read("memo.pkl", get));
        assertTrue(e.getMessage().contains("a reference to memo entry 4294967295 that was never stored at byte 2"), e.getMessage());
    }

    @Test
    void aMillionFramesAreRead() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0x80, 4});
        byte[] frame = {(byte) 0x95, 2, 0, 0, 0, 0, 0, 0, 0};
        for (int i = 0; i < 1_000_000; i++) {
            b.write(frame, 0, frame.length);
        }
        b.write(new byte[] {'N', '.'});
        Python.Result r = Python.cli("inspect", write("frames.pkl", b.toByteArray()).toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("null", r.out().strip());
    }

    @Test
    void aListContainingItselfIsAReference() throws Exception {
        Python.Result r = Python.cli("inspect", cycle.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode expected = LENIENT.readTree("[{\"$ref\": \"#\"}, {\"me\": {\"$ref\": \"#/1\"}}]");
        assertEquals(expected, LENIENT.readTree(r.out()));
        Python.Result tree = Python.cli("inspect", cycle.toString(), "--depth", "100");
        assertEquals("list (2 items)\n  0: ↺ same as #\n  1: dict (1 key)\n    me: ↺ same as #/1\n",
                tree.out().replace(System.lineSeparator(), "\n"));
        Path exported = dir.resolve("cycle.json");
        PyJson.export(new PickleReader().read(cycle), exported);
        assertEquals(expected, LENIENT.readTree(exported.toFile()));
    }

    @Test
    void aDictOfKeysWithOneJavaHashIsWritten() throws Exception {
        Python.Result r = Python.cli("inspect", collidingKeys.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = LENIENT.readTree(r.out());
        assertEquals(1 << 15, json.size());
        assertEquals((1 << 15) - 1, json.get("BB".repeat(15)).intValue());
        Python.Result tree = Python.cli("inspect", collidingKeys.toString());
        assertTrue(tree.out().startsWith("dict (32768 keys)"), tree.out());
    }

    @Test
    void aReadPastItsDeadlineStopsWithTheTimeSentence() throws Exception {
        byte[] lists = new byte[20_001];
        java.util.Arrays.fill(lists, (byte) ']');
        lists[lists.length - 1] = '.';
        PickleReader reader = new PickleReader(PickleReader.DEFAULT_MAX_BYTES, 0, Duration.ZERO);
        PickleReadException e = assertThrows(PickleReadException.class, () -> reader.read("slow.pkl", lists));
        assertEquals("slow.pkl was not shown: reading it took longer than 0 seconds (stopped at byte 4095). It may be "
                + "damaged or made to exhaust the reader; undo the last call if it wrote this file.", e.getMessage());
    }

    @Test
    void anIntegerOfAHundredThousandDigitsInTextIsRefusedAsPythonDoes() throws Exception {
        Path file = write("digits.pkl", ("L" + "9".repeat(100_000) + "L\n.").getBytes());
        assertRefused(Python.cli("inspect", file.toString()), "digits.pkl is not a readable pickle: an integer written "
                + "with more than 4,300 digits, which Python itself refuses to read, at byte 0.");
        String python = Python.run("import pickle, sys\ntry:\n    pickle.load(open(sys.argv[1], 'rb'))\n"
                + "except ValueError as e:\n    print('refused')", file.toString());
        assertEquals("refused", python.strip());
    }

    @Test
    void oneListGivenToAMillionCallsIsChargedForEveryCopy() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0x80, 2, ']', '('});
        b.write("cbuiltins\nset\nq\u00000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        b.write(new byte[] {']', 'q', 1, '('});
        for (int i = 0; i < 100_000; i++) {
            b.write(new byte[] {'K', 1});
        }
        b.write(new byte[] {'e', '0'});
        for (int i = 0; i < 1_000_000; i++) {
            b.write(new byte[] {'h', 0, 'h', 1, (byte) 0x85, 'R'});
        }
        b.write(new byte[] {'e', '.'});
        Path file = write("sets.pkl", b.toByteArray());
        assertRefused(Python.cli("inspect", file.toString(), "--json"), "sets.pkl was not shown: its values would need more than ");
    }

    @Test
    void aClassNameOfMegabytesCalledAMillionTimesIsNeverCopiedPerCall() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0x80, 2, ']', '(', 'c'});
        b.write(("m".repeat(4 * MIB) + "\nKlass\n").getBytes());
        b.write(new byte[] {'q', 0, '0'});
        for (int i = 0; i < 1_000_000; i++) {
            b.write(new byte[] {'h', 0, ')', 'R'});
        }
        b.write(new byte[] {'e', '.'});
        Path file = write("names.pkl", b.toByteArray());
        Python.Result json = Python.cli("inspect", file.toString(), "--json", "--max-mib", "16");
        assertRefused(json, "names.pkl was shown only in part: it would be longer than 16,777,216 characters.");
        Python.Result tree = Python.cli("inspect", file.toString());
        assertEquals(0, tree.exitCode(), tree.err());
        assertTrue(tree.out().contains("0: Klass object (" + "m".repeat(PyText.LABEL_CHARS) + "….Klass)"), tree.out().substring(0, 500));
        assertTrue(tree.out().length() < 64 * 1024, "labels are cut: " + tree.out().length());
    }

    @Test
    void objectsSharingOneWideStateAreATableMergedOnceAndTooManyCellsForTheWindow() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0x80, 2, ']', '(', 'c'});
        b.write("mod\nK\n".getBytes());
        b.write(new byte[] {'q', 0, '0', '}', '('});
        for (int i = 0; i < 10_000; i++) {
            byte[] key = ("k" + i).getBytes();
            b.write(new byte[] {(byte) 0x8c, (byte) key.length});
            b.write(key);
            b.write(new byte[] {'K', 1});
        }
        b.write(new byte[] {'u', 'N', (byte) 0x86, 'q', 1, '0'});
        for (int i = 0; i < 100_000; i++) {
            b.write(new byte[] {'h', 0, ')', (byte) 0x81, 'h', 1, 'b'});
        }
        b.write(new byte[] {'e', '.'});
        PyValue value = new PickleReader().read("wide.pkl", b.toByteArray());
        PyTable table = PyTable.of(value).orElseThrow();
        assertEquals(10_000, table.columns().size());
        assertEquals(100_000, table.rowCount());
        assertFalse(PyTable.forDisplay(value).isPresent(), "a billion cells are shown as a tree");
        PyTreeNode root = PyTreeNode.root(value);
        assertEquals("K object (mod.K)", root.children(99_999, 1).get(0).summary());
    }

    private static Path write(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static byte[] padded(byte[] bytes, int length) {
        byte[] out = java.util.Arrays.copyOf(bytes, length);
        java.util.Arrays.fill(out, bytes.length, length, (byte) 'N');
        return out;
    }

    /** Exit code 2, the sentence on stderr starting with {@code start}, and no stack trace anywhere. */
    private static void assertRefused(Python.Result r, String start) {
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith(start), r.err());
        for (String text : List.of(r.err(), r.out().length() > 10_000 ? r.out().substring(r.out().length() - 10_000) : r.out())) {
            assertFalse(text.contains("\tat ") || text.contains("Exception") || text.contains("Error"), text);
        }
    }
}
