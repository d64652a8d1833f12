package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.testing.TemplateFolder;
import io.toolsmith.testing.TestPython;
import io.toolsmith.util.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Homes at two points of the dynamic-function-generation tutorial, played through the real command line against a
 * scripted Ollama stand-in: the tracker written (code and specs discovered, nothing approved) and the cab ride logged
 * (both functions approved, one record in expenses.pkl). Each is played once per test JVM into a template folder and
 * copied into every test's own home, since playing it starts the analyzer and the sandbox worker several times.
 */
final class TutorialHome {
    static final String MODEL = "gemma3:12b";
    static final String CHAT_FILE = "tutorial-chat.json";
    static final String ASK_FOR_TRACKER = "I want to be able to track my expenses. Could you write a simple expense"
            + " tracker that lets me (1) record any expense I make, and (2) query all the expenses I've made so far?";
    static final String ASK_FOR_SPECS = "Generate a function specification for the code you just wrote.";
    static final String LOG_EXPENSE = "I just spent 300 rupees on a cab ride back home today (7th July, 2025)."
            + " Log this as a travel expense, please.";

    /** A played template: its folder and the chat requests the stand-in received while it was played. */
    record Template(Path root, List<JsonNode> requests) {
        /** Copies the template into {@code home}, an empty test folder. */
        void copyTo(Path home) throws IOException {
            TemplateFolder.copy(root, home);
        }
    }

    private static Template trackerWritten;
    private static Template cabRideLogged;

    private TutorialHome() {
    }

    /** The model wrote record_expense and list_expenses and their specs; nothing is approved. */
    static synchronized Template trackerWritten() throws Exception {
        if (trackerWritten == null) {
            Path root = TemplateFolder.create("tracker-written");
            try (FakeOllama ollama = FakeOllama.start()) {
                ollama.setModels(FakeModels.Model.of(MODEL, "gemma3", "completion", "vision"));
                writeTheTracker(root, ollama);
                trackerWritten = new Template(root, List.copyOf(ollama.chatRequests()));
            }
        }
        return trackerWritten;
    }

    /** The tracker written, both functions approved, and the cab ride logged: one record in data/expenses.pkl. */
    static synchronized Template cabRideLogged() throws Exception {
        if (cabRideLogged == null) {
            Path root = TemplateFolder.create("cab-ride-logged");
            trackerWritten().copyTo(root);
            try (FakeOllama ollama = FakeOllama.start()) {
                ollama.setModels(FakeModels.Model.of(MODEL, "gemma3", "completion", "vision"));
                Result approve = cli(root, ollama, "functions", "approve", "record_expense", "list_expenses");
                assertEquals(0, approve.exit(), approve.err());
                ollama.enqueueReply(reply("03-record-expense-call.md"));
                ollama.enqueueReply(reply("04-final-answer.md"));
                Result logged = chat(root, ollama, LOG_EXPENSE);
                assertEquals(0, logged.exit(), logged.err());
                assertEquals("1", python("import pickle,sys; print(len(pickle.load(open(sys.argv[1],'rb'))))",
                        root.resolve("data/expenses.pkl")));
                cabRideLogged = new Template(root, List.copyOf(ollama.chatRequests()));
            }
        }
        return cabRideLogged;
    }

    private static void writeTheTracker(Path home, FakeOllama ollama) throws Exception {
        ollama.enqueueReply(reply("01-expense-tracker-code.md"));
        Result code = chat(home, ollama, ASK_FOR_TRACKER);
        assertEquals(0, code.exit(), code.err());
        JsonNode discovered = Json.MAPPER.readTree(code.out()).get("discovered");
        assertTrue(discovered.toString().contains("record_expense"), discovered.toString());
        assertTrue(discovered.toString().contains("list_expenses"), discovered.toString());

        ollama.enqueueReply(reply("02-expense-tracker-specs.md"));
        Result specs = chat(home, ollama, ASK_FOR_SPECS);
        assertEquals(0, specs.exit(), specs.err());
        assertTrue(Json.MAPPER.readTree(specs.out()).get("discovered").size() >= 2, specs.out());
    }

    record Result(int exit, String out, String err) {
    }

    private static Result chat(Path home, FakeOllama ollama, String message) {
        return cli(home, ollama, "chat", "--model", MODEL, "--conversation", home.resolve(CHAT_FILE).toString(),
                "--json", message);
    }

    /** Runs the command line in-process on {@code home} against {@code ollama}. */
    static Result cli(Path home, FakeOllama ollama, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString(), "--host", ollama.url()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = ToolsmithCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(all.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    static String reply(String name) throws IOException {
        try (var in = TutorialHome.class.getResourceAsStream("/tutorial/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String python(String code, Path argument) throws Exception {
        Process process = new ProcessBuilder(TestPython.executable(), "-S", "-c", code, argument.toString()).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor(), text);
        return text;
    }
}
