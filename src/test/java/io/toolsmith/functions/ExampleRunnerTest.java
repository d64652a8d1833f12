package io.toolsmith.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.testing.TestPython;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spec's examples run through an {@link ExampleExecutor}. The executor here is plain python3 with HOME
 * pointed at a scratch folder (the real one is the sandbox package's), so the call really runs.
 */
class ExampleRunnerTest {
    @TempDir
    Path home;

    /** Runs one call with python3: defines the module's code, calls the function, prints result or error as JSON. */
    private ExampleExecutor python(Path scratchHome) {
        return (module, code, function, arguments, grant) -> {
            Path file = scratchHome.resolve(module + ".py");
            Files.writeString(file, code);
            String driver = "import json, sys\n"
                    + "ns = {}\nexec(open(sys.argv[1]).read(), ns)\n"
                    + "try:\n    r = ns[sys.argv[2]](**json.loads(sys.argv[3]))\n"
                    + "    print(json.dumps({'ok': True, 'result': r}))\n"
                    + "except Exception as e:\n    print(json.dumps({'ok': False, 'name': type(e).__name__, 'message': str(e)}))\n";
            ProcessBuilder builder = new ProcessBuilder(TestPython.executable(), "-I", "-S", "-c", driver, file.toString(), function,
                    Json.MAPPER.writeValueAsString(arguments)).redirectErrorStream(true);
            builder.environment().put("HOME", scratchHome.toString());
            Process p = builder.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            JsonNode answer = Json.MAPPER.readTree(output);
            return answer.path("ok").asBoolean() ? ExampleResult.success(answer.get("result"))
                    : ExampleResult.failure(answer.path("name").asText(), answer.path("message").asText());
        };
    }

    @Test
    void examplesRunAndInvalidOnesAreRefusedBeforeRunning() throws Exception {
        Path scratch = Files.createDirectories(home.resolve("scratch"));
        try (PythonAnalyzer analyzer = new PythonAnalyzer()) {
            FunctionLibrary library = new FunctionLibrary(home.resolve("functions"), analyzer);
            library.addCode(Fixtures.expensesV1());
            ObjectNode spec = Fixtures.spec("record_expense");
            spec.withArray("examples").addObject().put("prompt", "Log a lunch with a made-up date.")
                    .putObject("parameters").put("date", "yesterday").put("category", "Food").put("amount", 12);
            spec.withArray("examples").addObject().put("prompt", "Log something with the amount as text.")
                    .putObject("parameters").put("date", "2025-07-08").put("category", "Food").put("amount", "12");
            library.addSpec(spec);

            List<ExampleRunner.ExampleRun> runs = new ExampleRunner(library, python(scratch)).run("record_expense");
            assertEquals(3, runs.size());
            assertTrue(runs.get(0).result().ok(), runs.get(0).result().toString());
            assertTrue(runs.get(0).result().result().asBoolean());
            assertTrue(Files.exists(scratch.resolve("data/expenses.pkl")), "the example wrote its pickle file");

            ExampleResult badDate = runs.get(1).result();
            assertFalse(badDate.ok());
            assertEquals("InvalidArguments", badDate.errorName(), "format: date is checked before running");

            ExampleResult badAmount = runs.get(2).result();
            assertEquals("InvalidArguments", badAmount.errorName());
            assertTrue(badAmount.errorMessage().contains("amount: expected number, got string"), badAmount.errorMessage());

            var e = assertThrows(UserFacingException.class,
                    () -> new ExampleRunner(library, python(scratch)).run("list_expenses"));
            assertTrue(e.getMessage().contains("needs both code and a spec"), e.getMessage());
        }
    }

    @Test
    void aFailingExampleReportsTheExceptionName() throws Exception {
        Path scratch = Files.createDirectories(home.resolve("scratch"));
        try (PythonAnalyzer analyzer = new PythonAnalyzer()) {
            FunctionLibrary library = new FunctionLibrary(home.resolve("functions"), analyzer);
            library.addCode(Fixtures.expensesV1());
            ObjectNode spec = Fixtures.spec("record_expense");
            ((ObjectNode) spec.at("/parameters/properties/date")).remove("format");
            ((ObjectNode) spec.withArray("examples").get(0).path("parameters")).put("date", "07/07/2025");
            library.addSpec(spec);
            ExampleResult result = new ExampleRunner(library, python(scratch)).run("record_expense").get(0).result();
            assertEquals("InvalidDateError", result.errorName());
            assertEquals("Invalid date format. Please use YYYY-MM-DD.", result.errorMessage());
        }
    }

    /**
     * Each example is allowed what a real call would be: before approval what the checks derive, never the network;
     * once approved, the approved effects.
     */
    @Test
    void examplesRunWithTheGrantARealCallGets() throws Exception {
        String code = "import os, urllib.request\n\n"
                + "def fetch(url):\n    return urllib.request.urlopen(url).read().decode()\n\n"
                + "def note(text):\n    with open(os.path.expanduser('~/data/n.txt'), 'a') as f:\n        f.write(text)\n"
                + "    return 1\n\n"
                + "def double(n):\n    return n * 2\n";
        List<io.toolsmith.sandbox.Grant> grants = new java.util.ArrayList<>();
        ExampleExecutor recording = (module, c, function, arguments, grant) -> {
            grants.add(grant);
            return ExampleResult.success(Json.MAPPER.getNodeFactory().numberNode(2));
        };
        try (PythonAnalyzer analyzer = new PythonAnalyzer()) {
            FunctionLibrary library = new FunctionLibrary(home.resolve("functions"), analyzer);
            library.addCode(code);
            for (String name : List.of("fetch", "note", "double")) {
                library.addSpec((ObjectNode) Json.MAPPER.readTree("{\"name\": \"" + name + "\", \"description\": \"d\","
                        + " \"parameters\": {\"type\": \"object\"}, \"responses\": [],"
                        + " \"examples\": [{\"prompt\": \"p\", \"parameters\": {}, \"expected\": 2}]}"));
            }
            ExampleRunner runner = new ExampleRunner(library, recording);
            runner.run("fetch");
            runner.run("note");
            runner.run("double");
            library.approve("fetch", true);
            runner.run("fetch");
            assertEquals(List.of(new io.toolsmith.sandbox.Grant(false, false, false),
                    new io.toolsmith.sandbox.Grant(true, false, false), new io.toolsmith.sandbox.Grant(false, false, false),
                    new io.toolsmith.sandbox.Grant(false, true, false)), grants);
        }
    }

    @Test
    void aPassIsKeptForTheCodeAndSpecItRanOnAndAFailureTakesItBack() throws Exception {
        ExampleExecutor returnsTwo = (module, c, function, arguments, grant) ->
                ExampleResult.success(Json.MAPPER.getNodeFactory().numberNode(2));
        try (PythonAnalyzer analyzer = new PythonAnalyzer()) {
            FunctionLibrary library = new FunctionLibrary(home.resolve("functions"), analyzer);
            library.addCode("def double(n):\n    return n * 2\n");
            String spec = "{\"name\": \"double\", \"description\": \"d\", \"parameters\": {\"type\": \"object\"},"
                    + " \"responses\": [], \"examples\": [{\"prompt\": \"p\", \"parameters\": {}, \"expected\": 2}]}";
            library.addSpec((ObjectNode) Json.MAPPER.readTree(spec));
            assertTrue(new ExampleRunner(library, returnsTwo).trial("double").tested());
            assertTrue(library.tested("double"));
            assertTrue(Files.readString(home.resolve("functions/double/tested.json"))
                    .contains(library.examplesHash("double")));

            library.addSpec((ObjectNode) Json.MAPPER.readTree(spec.replace("\"expected\": 2", "\"expected\": 3")));
            assertFalse(library.tested("double"), "a changed spec is not tested");
            assertFalse(new ExampleRunner(library, returnsTwo).trial("double").tested());
            library.addSpec((ObjectNode) Json.MAPPER.readTree(spec));
            assertFalse(library.tested("double"), "the failure on the same code and spec took the pass back");

            ExampleExecutor withoutExpectations = (module, c, function, arguments, grant) -> ExampleResult.success(null);
            library.addSpec((ObjectNode) Json.MAPPER.readTree(spec.replace(", \"expected\": 2", "")));
            ExampleRunner.Trial open = new ExampleRunner(library, withoutExpectations).trial("double");
            assertEquals(0, open.failures());
            assertFalse(open.tested(), "examples that state nothing are no evidence");
        }
    }
}
