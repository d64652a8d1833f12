package io.toolsmith.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.app.Engine;
import io.toolsmith.conversation.CallRecord;
import io.toolsmith.util.UserFacingException;
import io.toolsmith.conversation.CallRecord.CallStatus;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.functions.CallPermit;
import io.toolsmith.protocol.FunctionCall;
import io.toolsmith.settings.Home;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the turn loop, with the real library, analyzer, python3 and bubblewrap (only the model is scripted):
 * a reader fooled into writing fails and leaves the data as it was, an honest writer writes, and calls the user
 * did not allow get their own statuses and sentences.
 */
class CallEffectsAndRefusalsTest {
    static final String ITEMS = "import os, pickle\n"
            + "PATH = os.path.expanduser('~/data/items.pkl')\n\n"
            + "def list_items():\n"
            + "    if not os.path.exists(PATH):\n"
            + "        return []\n"
            + "    with open(PATH, 'rb') as f:\n"
            + "        return pickle.load(f)\n\n"
            + "def add_item(name):\n"
            + "    items = list_items()\n"
            + "    items.append(name)\n"
            + "    with open(PATH, 'wb') as f:\n"
            + "        pickle.dump(items, f)\n"
            + "    return len(items)\n";
    static final String FETCH = "import urllib.request\n\n"
            + "def fetch_page(url):\n"
            + "    return urllib.request.urlopen(url).read().decode()\n";
    static final String GREET = "def greet(name):\n    return 'hello ' + name\n";

    @TempDir
    Path home;
    private FakeOllama ollama;
    private Engine engine;
    private Conversation chat;

    @BeforeEach
    void start() throws Exception {
        ollama = FakeOllama.start();
        engine = Engine.open(new Home(home), ollama.url());
        chat = Conversation.create("qwen3:8b");
        var library = engine.library();
        library.addCode(ITEMS);
        library.addSpec(spec("list_items", "{}", "[]"));
        library.addSpec(spec("add_item", "{\"name\": {\"type\": \"string\"}}", "[\"name\"]"));
        library.addCode(FETCH);
        library.addSpec(spec("fetch_page", "{\"url\": {\"type\": \"string\"}}", "[\"url\"]"));
        library.addCode(GREET);
        library.addSpec(spec("greet", "{\"name\": {\"type\": \"string\"}}", "[\"name\"]"));
        library.approve("list_items", false);
        library.approve("add_item", false);
        library.approve("fetch_page", false);
    }

    @AfterEach
    void stop() {
        engine.close();
        ollama.close();
    }

    @Test
    void aReaderThatAHostilePickleMakesWriteFailsAndAnHonestWriterStillWrites() throws Exception {
        assumeTrue(engine.sandbox().isolation().isolated(), "needs bubblewrap: " + engine.sandbox().isolation());
        Path data = home.resolve("data");
        Files.createDirectories(data);
        Path planted = data.resolve("planted.txt");
        // Loading this pickle calls open('~/data/planted.txt', 'w'): the analyzer sees list_items only read.
        UnrunnableCallsTest.python("import pickle\nclass P:\n    def __reduce__(self):\n"
                + "        return (open, ('/home/sandbox/data/planted.txt', 'w'))\n"
                + "pickle.dump([P()], open('" + data.resolve("items.pkl") + "', 'wb'))\nprint('written')");
        byte[] hostile = Files.readAllBytes(data.resolve("items.pkl"));

        CallRecord fooled = turn(call("list_items", "{}"), new Answers(CallDecision.DENY)).calls().get(0);

        assertEquals(CallStatus.ERROR, fooled.status());
        assertEquals("OSError", fooled.errorName());
        assertTrue(fooled.errorMessage().contains("list_items tried to change the data folder, but it is not "
                + "approved to write data"), fooled.errorMessage());
        assertFalse(Files.exists(planted), "the disguised write reached the data folder");
        assertTrue(java.util.Arrays.equals(hostile, Files.readAllBytes(data.resolve("items.pkl"))));

        Files.delete(data.resolve("items.pkl"));
        CallRecord written = turn(call("add_item", "{\"name\": \"tea\"}"), new Answers(CallDecision.DENY))
                .calls().get(0);
        assertEquals(CallStatus.OK, written.status(), written.errorMessage());
        assertEquals(1, written.result().asInt());
        assertEquals("['tea']", UnrunnableCallsTest.python("import pickle; print(pickle.load(open('"
                + data.resolve("items.pkl") + "', 'rb')))"));
    }

    @Test
    void readersAndWritersRunWithoutAskingButAFunctionUsingTheNetworkAsksAndDenyIsTheUsersRefusal()
            throws Exception {
        Answers answers = new Answers(CallDecision.DENY);
        TurnResult result = turn(call("list_items", "{}") + call("fetch_page", "{\"url\": \"http://example.org\"}"),
                answers);

        assertEquals(CallStatus.OK, result.calls().get(0).status(), result.calls().get(0).errorMessage());
        assertEquals(List.of("fetch_page"), answers.asked, "only the networked function asked");
        assertEquals(CallPermit.Kind.ASK, answers.permits.get(0).kind());
        assertTrue(answers.permits.get(0).question().startsWith("Confirm this call: fetch_page is approved"),
                answers.permits.get(0).question());
        CallRecord refused = result.calls().get(1);
        assertEquals(CallStatus.DENIED, refused.status());
        assertEquals("CallRefusedError", refused.errorName());
        assertTrue(refused.errorMessage().startsWith("The user refused to run fetch_page this time: it is approved"),
                refused.errorMessage());
        JsonNode sent = outputsSent(1);
        assertEquals("CallRefusedError", sent.get(1).at("/error/name").asText(), sent.toString());
    }

    @Test
    void stopWhileAQuestionWaitsTellsTheModelTheUserStoppedNotRefused() throws Exception {
        Cancellation stop = new Cancellation();
        List<CallRecord> finished = new ArrayList<>();
        // what the window does on Stop: the turn is cancelled and the waiting question ends with no run
        TurnListener stoppedWhileAsking = new TurnListener() {
            @Override
            public CallDecision decide(FunctionCall call, CallPermit permit) {
                stop.cancel();
                return CallDecision.DENY;
            }

            @Override
            public void callFinished(CallRecord record) {
                finished.add(record);
            }
        };
        ollama.enqueueReply(call("greet", "{\"name\": \"Ada\"}"));
        ollama.enqueueReply("Done.");
        assertThrows(UserFacingException.class,
                () -> engine.turnLoop().run(chat, "go", List.of(), stoppedWhileAsking, stop), "the turn ends stopped");
        assertEquals(1, finished.size());
        CallRecord stopped = finished.get(0);
        assertEquals("CancelledError", stopped.errorName());
        assertTrue(stopped.errorMessage().contains("stopped the turn"), stopped.errorMessage());
        assertFalse(stopped.errorMessage().contains("refused"), stopped.errorMessage());
    }

    @Test
    void denyingAPendingFunctionTellsTheModelTheUserRefusedAndACommandLineTurnThatItIsNotApproved()
            throws Exception {
        CallRecord denied = turn(call("greet", "{\"name\": \"Ada\"}"), new Answers(CallDecision.DENY)).calls().get(0);
        assertEquals(CallStatus.DENIED, denied.status());
        assertEquals("CallRefusedError", denied.errorName());
        assertTrue(denied.errorMessage().startsWith("The user refused to run greet, which has not been approved"),
                denied.errorMessage());

        CallRecord unasked = turn(call("greet", "{\"name\": \"Ada\"}"), new TurnListener() { }).calls().get(0);
        assertEquals(CallStatus.NOT_APPROVED, unasked.status());
        assertEquals("NotApprovedError", unasked.errorName());
        assertEquals("The function greet has not been approved by the user, so it was not run.",
                unasked.errorMessage());
    }

    @Test
    void aCallToAFunctionThatDoesNotExistHasItsOwnStatusAndNamesTheOnesThatDo() throws Exception {
        Answers answers = new Answers(CallDecision.APPROVE_AND_RUN);
        CallRecord unknown = turn(call("list_item", "{}"), answers).calls().get(0);

        assertEquals(CallStatus.UNKNOWN_FUNCTION, unknown.status());
        assertEquals("unknown_function", unknown.status().wire());
        assertEquals("UnknownFunctionError", unknown.errorName());
        assertEquals("No function named list_item exists, so nothing was run. The available functions are: "
                + "add_item, fetch_page, list_items.", unknown.errorMessage());
        assertTrue(answers.asked.isEmpty(), "nobody is asked about a function that does not exist");
        assertEquals("UnknownFunctionError", outputsSent(1).get(0).at("/error/name").asText());
    }

    private TurnResult turn(String reply, TurnListener listener) throws Exception {
        ollama.enqueueReply(reply);
        ollama.enqueueReply("Done.");
        return engine.turnLoop().run(chat, "go", List.of(), listener, new Cancellation());
    }

    /** The function_output blocks the model received in request {@code index}, as an array of outputs. */
    private JsonNode outputsSent(int index) throws Exception {
        JsonNode messages = ollama.chatRequests().get(index).get("messages");
        String content = messages.get(messages.size() - 1).get("content").asText();
        var outputs = Json.MAPPER.createArrayNode();
        for (String block : content.split("```function_output")) {
            if (block.contains("{")) {
                outputs.add(Json.MAPPER.readTree(block.substring(block.indexOf('{'), block.lastIndexOf('}') + 1)));
            }
        }
        assertFalse(outputs.isEmpty(), content);
        return outputs;
    }

    private static int callCount;

    private static String call(String function, String arguments) {
        return "```function_call\n{\"id\": \"c" + ++callCount + "\", \"function\": \"" + function
                + "\", \"parameters\": " + arguments + "}\n```\n";
    }

    private static ObjectNode spec(String name, String properties, String required) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree("{\"name\": \"" + name + "\", \"description\": \"Test.\", "
                + "\"parameters\": {\"type\": \"object\", \"properties\": " + properties + ", \"required\": "
                + required + "}, \"responses\": [{\"type\": \"string\"}]}");
    }

    /** A user who gives the same answer to every question, and what they were asked. */
    private static final class Answers implements TurnListener {
        final CallDecision answer;
        final List<String> asked = new ArrayList<>();
        final List<CallPermit> permits = new ArrayList<>();

        Answers(CallDecision answer) {
            this.answer = answer;
        }

        @Override
        public CallDecision decide(FunctionCall call, CallPermit permit) {
            asked.add(call.function());
            permits.add(permit);
            return answer;
        }
    }
}
