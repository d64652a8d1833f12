package io.toolsmith.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.testing.TestPython;
import io.toolsmith.util.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonAnalyzerTest {
    @TempDir
    Path dir;

    @Test
    void bothModesGiveTheSameAnalysis() throws Exception {
        try (PythonAnalyzer persistent = new PythonAnalyzer();
             PythonAnalyzer perCall = new PythonAnalyzer("python3", PythonAnalyzer.Mode.PER_CALL)) {
            CodeAnalysis a = persistent.analyze(Fixtures.expensesV1());
            CodeAnalysis b = perCall.analyze(Fixtures.expensesV1());
            assertEquals(a, b);
            assertEquals(List.of("record_expense", "list_expenses"),
                    a.publicFunctions().stream().map(CodeAnalysis.FunctionInfo::name).toList());
            assertEquals(List.of("InvalidDateError"), a.classes().stream().map(CodeAnalysis.ClassInfo::name).toList());
            assertEquals(List.of("pickle", "os", "datetime"), a.imports().stream().map(CodeAnalysis.ImportInfo::module).toList());
            assertTrue(a.loadTime().isEmpty(), a.loadTime().toString());
            for (int i = 0; i < 3; i++) {
                assertEquals(a, persistent.analyze(Fixtures.expensesV1()), "the same process answers again");
            }
        }
    }

    @Test
    void theAnalyzedCodeIsNeverRun() throws Exception {
        Path marker = dir.resolve("ran");
        String code = "open(" + "'" + marker + "', 'w').write('x')\n"
                + "def f():\n    open('" + marker + "', 'w').write('y')\n";
        try (PythonAnalyzer analyzer = new PythonAnalyzer()) {
            CodeAnalysis analysis = analyzer.analyze(code);
            assertEquals("call", analysis.loadTime().get(0).kind());
            analyzer.deriveSpecs(code);
        }
        assertTrue(Files.notExists(marker));
    }

    @Test
    void missingPythonIsASentence() {
        try (PythonAnalyzer analyzer = new PythonAnalyzer(dir.resolve("no-python").toString(),
                PythonAnalyzer.Mode.PERSISTENT)) {
            var e = assertThrows(UserFacingException.class, () -> analyzer.analyze("x = 1\n"));
            assertTrue(e.getMessage().startsWith("Python could not check the code"), e.getMessage());
            assertTrue(e.getMessage().contains("is installed and on the PATH"), e.getMessage());
        }
    }

    @Test
    void anAnalyzerThatHangsIsEnded() throws Exception {
        Path hanging = dir.resolve("hanging-python");
        Files.writeString(hanging, "#!/bin/sh\nexec sleep 30\n");
        Files.setPosixFilePermissions(hanging, PosixFilePermissions.fromString("rwx------"));
        try (PythonAnalyzer analyzer = new PythonAnalyzer(hanging.toString(), PythonAnalyzer.Mode.PERSISTENT,
                Duration.ofMillis(300))) {
            var e = assertThrows(UserFacingException.class, () -> analyzer.analyze("x = 1\n"));
            assertTrue(e.getMessage().startsWith("The code analysis timed out after 300 ms"), e.getMessage());
        }
    }

    /**
     * A real python3 that never reads its input: with code larger than the pipe holds, the request itself
     * blocks, so the deadline has to cover the write as well as the reply. The sentence names the timeout,
     * not a missing Python.
     */
    @Test
    void aHungPythonIsEndedEvenWhileTheCodeIsStillBeingSent() throws Exception {
        Path stuck = dir.resolve("stuck-python");
        Files.writeString(stuck, "#!/bin/sh\nexec python3 -c 'import time; time.sleep(600)'\n");
        Files.setPosixFilePermissions(stuck, PosixFilePermissions.fromString("rwx------"));
        String largeCode = "x = 1\n".repeat(1_000_000);
        for (PythonAnalyzer.Mode mode : PythonAnalyzer.Mode.values()) {
            try (PythonAnalyzer analyzer = new PythonAnalyzer(stuck.toString(), mode, Duration.ofMillis(500))) {
                var e = assertThrows(UserFacingException.class, () -> analyzer.analyze(largeCode), mode.name());
                assertEquals("The code analysis timed out after 500 ms and was stopped; the code may be too large to "
                        + "check quickly. Try again, or ask for the code in smaller blocks.", e.getMessage());
                for (ProcessHandle child : ProcessHandle.current().descendants()
                        .filter(h -> h.info().commandLine().orElse("").contains("sleep(600)")).toList()) {
                    child.onExit().get(10, TimeUnit.SECONDS); // ended by the analyzer, not left sleeping
                }
            }
        }
    }

    @Test
    void timeoutsAreNamedInTheirUnit() {
        assertEquals("20 s", PythonAnalyzer.describe(PythonAnalyzer.TIMEOUT));
        assertEquals("300 ms", PythonAnalyzer.describe(Duration.ofMillis(300)));
        assertEquals("1500 ms", PythonAnalyzer.describe(Duration.ofMillis(1500)));
    }

    @Test
    void theScriptReadsCodeOnStdinAndPrintsJson() throws Exception {
        Path script = Path.of("resources/sandbox/analysis.py").toAbsolutePath();
        Process p = new ProcessBuilder(TestPython.executable(), "-I", "-S", "-B", script.toString()).start();
        try (var in = p.getOutputStream()) {
            in.write("import socket\n\ndef ping(host: str, count: int = 3):\n    pass\n".getBytes());
        }
        var json = io.toolsmith.util.Json.MAPPER.readTree(p.getInputStream());
        assertEquals(0, p.waitFor());
        assertTrue(json.path("network").asBoolean());
        assertEquals("ping", json.at("/functions/0/name").asText());
        assertEquals("int", json.at("/functions/0/params/1/annotation").asText());
        assertTrue(json.at("/functions/0/params/1/hasDefault").asBoolean());
        assertEquals("socket", json.at("/risks/0/name").asText());
    }
}
