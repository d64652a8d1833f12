package io.toolsmith.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.app.Engine;
import io.toolsmith.cli.ToolsmithCommand;
import io.toolsmith.conversation.CallRecord.CallStatus;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.functions.FunctionStatus;
import io.toolsmith.settings.Home;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.util.Cancellation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user decides what runs: code, spec and call in one reply run nothing; a rewrite needs a new approval. */
class FunctionLifecycleTest {
    private static final String SPEC = "```function_spec\n{\"name\": \"note\", \"description\": \"Keeps a note.\","
            + " \"parameters\": {\"type\": \"object\", \"properties\": {\"text\": {\"type\": \"string\"}}, \"required\": [\"text\"]},"
            + " \"responses\": [{\"type\": \"string\"}]}\n```\n";
    private static final String CALL = "```function_call\n{\"id\": \"n1\", \"function\": \"note\", \"parameters\": {\"text\": \"hi\"}}\n```\n";

    @TempDir
    Path home;

    @Test
    void codeSpecAndCallInOneReplyRunNothingUntilApprovedAndARewriteNeedsApprovalAgain() throws Exception {
        String v1 = "```python\nimport os\n\ndef note(text):\n    with open(os.path.expanduser('~/data/note.txt'), 'w') as f:\n"
                + "        f.write(text)\n    return 'saved'\n```\n";
        String v2 = v1.replace("'saved'", "'saved: ' + text");
        Path written = home.resolve("data/note.txt");
        try (FakeOllama ollama = FakeOllama.start(); Engine engine = Engine.open(new Home(home), ollama.url())) {
            Conversation chat = Conversation.create("qwen3:8b");

            ollama.enqueueReply(v1 + SPEC + CALL);
            ollama.enqueueReply("It needs your approval first.");
            TurnResult first = turn(engine, chat, "keep a note saying hi");
            assertEquals(CallStatus.NOT_APPROVED, first.calls().get(0).status());
            assertTrue(first.calls().get(0).errorMessage().contains("note"));
            assertFalse(Files.exists(written), "nothing ran before approval");
            assertEquals(FunctionStatus.PENDING, engine.library().find("note").orElseThrow().status());

            engine.library().approve("note", false);
            ollama.enqueueReply(CALL);
            ollama.enqueueReply("Saved.");
            assertEquals("saved", turn(engine, chat, "again please").calls().get(0).result().asText());
            assertEquals("hi", Files.readString(written));

            ollama.enqueueReply("Here is a better version:\n" + v2 + CALL);
            ollama.enqueueReply("The new version needs your approval.");
            TurnResult rewritten = turn(engine, chat, "make it say what it saved");
            assertEquals(FunctionStatus.CHANGED, engine.library().find("note").orElseThrow().status());
            assertEquals(CallStatus.NOT_APPROVED, rewritten.calls().get(0).status());
            assertTrue(rewritten.calls().get(0).errorMessage().contains("changed"), rewritten.calls().get(0).errorMessage());

            engine.library().approve("note", false);
            ollama.enqueueReply(CALL);
            ollama.enqueueReply("Done.");
            assertEquals("saved: hi", turn(engine, chat, "now").calls().get(0).result().asText());
        }
    }

    @Test
    void showPrintsTheDiffOfAChangedFunction() throws Exception {
        String v1 = "```python\ndef note(text):\n    return text\n```\n";
        try (FakeOllama ollama = FakeOllama.start(); Engine engine = Engine.open(new Home(home), ollama.url())) {
            Conversation chat = Conversation.create("qwen3:8b");
            ollama.enqueueReply(v1 + SPEC);
            turn(engine, chat, "write it");
            engine.library().approve("note", false);
            ollama.enqueueReply(v1.replace("return text", "return text.strip()"));
            turn(engine, chat, "strip it");
        }
        StringWriter out = new StringWriter();
        var cli = ToolsmithCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        assertEquals(0, cli.execute("--home", home.toString(), "functions", "show", "note"));
        assertTrue(out.toString().contains("-    return text"), out.toString());
        assertTrue(out.toString().contains("+    return text.strip()"), out.toString());
    }

    private static TurnResult turn(Engine engine, Conversation chat, String text) throws Exception {
        return engine.turnLoop().run(chat, text, List.of(), new TurnListener() { }, new Cancellation());
    }
}
