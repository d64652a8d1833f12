package io.toolsmith.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not pickles, cut short or too large give a sentence naming the file and the byte, never a crash. */
class PickleErrorsTest {
    @TempDir
    Path dir;
    @TempDir
    static Path fixtures;

    /** The pickles the tests read, from one python3 run; the evil one would touch {@code ran} if it ever ran. */
    @BeforeAll
    static void pythonWritesThePickles() throws Exception {
        Python.run("""
                import os, pickle, random, sys
                """ + Python.EXPENSES + """
                folder = sys.argv[1]
                pickle.dump(expenses(50), open(folder + '/expenses-50.pkl', 'wb'), pickle.HIGHEST_PROTOCOL)
                pickle.dump(expenses(2000), open(folder + '/expenses-2000.pkl', 'wb'), pickle.HIGHEST_PROTOCOL)
                x = [1]
                x.append(x)
                pickle.dump({'a': x, 'b': x}, open(folder + '/loop.pkl', 'wb'), 2)
                class Evil:
                    def __reduce__(self):
                        return (os.system, ('touch ' + folder + '/ran',))
                class Holder:
                    def greet(self):
                        return 1
                pickle.dump({'evil': Evil(), 'method': Holder().greet}, open(folder + '/evil.pkl', 'wb'), 4)
                """, fixtures.toString());
    }

    private Path fixture(String name, String as) throws Exception {
        return Files.copy(fixtures.resolve(name), dir.resolve(as));
    }

    @Test
    void truncatedFileGivesTheSentenceAndExitTwo() throws Exception {
        Path full = fixture("expenses-50.pkl", "full.pkl");
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("expenses.pkl");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));

        Python.Result r = Python.cli("inspect", cut.toString());

        assertEquals(2, r.exitCode());
        assertEquals("expenses.pkl is not a readable pickle: unexpected end of data at byte " + bytes.length / 2
                + ". It may be damaged or not a pickle; undo the last call if it wrote this file.", r.err().strip());
        assertTrue(r.out().isEmpty());
    }

    @Test
    void randomBytesGiveTheSentenceAndExitTwo() throws Exception {
        byte[] noise = new byte[4096];
        for (long seed = 1; seed <= 30; seed++) {
            new Random(seed).nextBytes(noise);
            Path file = dir.resolve("noise.bin");
            Files.write(file, noise);
            Python.Result r = Python.cli("inspect", file.toString(), "--json");
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().startsWith("noise.bin is not a readable pickle: "), r.err());
            assertTrue(r.err().matches("(?s).* at byte \\d+\\. .*"), r.err());
        }
    }

    @Test
    void textFileIsNotAPickle() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "hello world\n");
        PickleReadException e = assertThrows(PickleReadException.class, () -> new PickleReader().read(file));
        assertTrue(e.getMessage().startsWith("notes.txt is not a readable pickle: "), e.getMessage());
    }

    @Test
    void hugeDeclaredLengthDoesNotAllocate() {
        // BINBYTES8 claiming 2^60 bytes, then nothing.
        byte[] evil = {(byte) 0x80, 5, (byte) 0x8e, 0, 0, 0, 0, 0, 0, 0, 0x10};
        PickleReadException e = assertThrows(PickleReadException.class, () -> new PickleReader().read("evil.pkl", evil));
        assertTrue(e.getMessage().contains("unexpected end of data at byte 11"), e.getMessage());
    }

    @Test
    void fileOverTheLimitIsRefused() throws Exception {
        Path file = fixture("expenses-2000.pkl", "big.pkl");
        PickleReadException e = assertThrows(PickleReadException.class, () -> new PickleReader(1024).read(file));
        assertTrue(e.getMessage().startsWith("big.pkl is "), e.getMessage());
        assertTrue(e.getMessage().contains("raise the limit"), e.getMessage());
    }

    @Test
    void recursiveListIsABackReference() throws Exception {
        Path file = fixture("loop.pkl", "loop.pkl");
        Python.Result r = Python.cli("inspect", file.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = Json.MAPPER.readTree(r.out());
        assertEquals(Json.MAPPER.readTree("{\"a\": [1, {\"$ref\": \"#/a\"}], \"b\": {\"$ref\": \"#/a\"}}"), json);

        Python.Result tree = Python.cli("inspect", file.toString());
        assertEquals(0, tree.exitCode());
        assertTrue(tree.out().contains("1: ↺ same as #/a"), tree.out());
        assertTrue(tree.out().contains("b: ↺ same as #/a"), tree.out());
    }

    @Test
    void codeInAPickleIsNamedNeverRun() throws Exception {
        Path marker = fixtures.resolve("ran");
        Path file = fixture("evil.pkl", "evil.pkl");
        Python.Result r = Python.cli("inspect", file.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = Json.MAPPER.readTree(r.out());
        assertEquals("posix.system", json.get("evil").get("$object").asText());
        assertEquals("touch " + marker, json.get("evil").get("args").get(0).asText());
        assertEquals("builtins.getattr", json.get("method").get("$object").asText());
        assertTrue(!Files.exists(marker), "nothing in the pickle ran");
    }
}
