package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.conversation.ConversationStore;
import io.toolsmith.conversation.ConversationTurnProcess;
import io.toolsmith.conversation.Message;
import io.toolsmith.testing.FakeOllama;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Toolsmith processes on one chat file: the one that comes second while the first holds the chat is told so
 * and sends nothing, instead of both appending to what they read and the later save dropping the other's turn.
 */
class ChatConversationLockTest {
    @TempDir
    Path home;

    @Test
    void aSecondChatOnTheSameFileIsToldAndNoTurnIsLost() throws Exception {
        Path file = home.resolve("chat.json");
        try (FakeOllama ollama = FakeOllama.start()) {
            Process other = ConversationTurnProcess.startHolding(file, "the other turn");
            StringWriter err = new StringWriter();
            int exit = chat(ollama, file, err, "my turn");
            assertEquals(1, exit);
            assertTrue(err.toString().contains("This conversation is being written by another Toolsmith; try again "
                    + "when it finishes"), err.toString());
            assertEquals(0, ollama.chatRequests().size(), "nothing was sent while the other process held the chat");

            assertEquals(0, ConversationTurnProcess.finish(other));
            ollama.enqueueReply("Hello.");
            StringWriter again = new StringWriter();
            assertEquals(0, chat(ollama, file, again, "my turn"), again.toString());
        }
        assertEquals(List.of("the other turn", "my turn", "Hello."),
                ConversationStore.load(file).messages().stream().map(Message::content).toList());
    }

    private int chat(FakeOllama ollama, Path file, StringWriter err, String message) {
        var cli = ToolsmithCommand.newCommandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute("--home", home.toString(), "--host", ollama.url(), "chat", "--model", "qwen3:8b",
                "--conversation", file.toString(), message);
    }
}
