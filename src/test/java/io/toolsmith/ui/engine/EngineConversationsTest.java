package io.toolsmith.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.toolsmith.conversation.CallRecord;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.conversation.ConversationSession;
import io.toolsmith.ui.chat.CallStatus;
import io.toolsmith.ui.chat.TurnEvent;
import java.util.Map;
import io.toolsmith.conversation.ConversationStore;
import io.toolsmith.conversation.Message;
import io.toolsmith.ui.chat.MessageRole;
import io.toolsmith.ui.window.ConversationCatalog.ExportFormat;
import io.toolsmith.conversation.ChatSummary;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineConversationsTest {
    @TempDir
    Path home;

    private EngineConversations store() {
        return new EngineConversations(new OpenConversations(conversations()),
                home.resolve("trash"), home.resolve("cache/images"));
    }

    private ConversationStore conversations() {
        return new ConversationStore(home.resolve("conversations"), home.resolve("cache/chat-index.json"));
    }

    /** A chat with these messages, saved in the chats folder. */
    private ConversationSession saved(String model, Message... messages) throws Exception {
        ConversationSession session = conversations().session(Conversation.create(model));
        for (Message message : messages) {
            session.add(message);
        }
        session.save();
        return session;
    }

    @Test
    void createRenameAndListNewestFirst() throws Exception {
        EngineConversations store = store();
        ChatSummary first = store.create("Groceries");
        ChatSummary second = store.create("Trip");
        store.rename(first.id(), "Food");
        List<ChatSummary> listed = store().list();
        assertEquals(List.of(second.id(), first.id()), listed.stream().map(ChatSummary::id).toList(),
                "newest first; a rename does not count as activity");
        assertEquals("Food", listed.get(1).title());
        assertEquals("Food", ConversationStore.load(home.resolve("conversations/" + first.id() + ".json")).title());
    }

    @Test
    void aSavedChatWhoseResultsWereNeverAnsweredOffersContinueAfterARestart() throws Exception {
        ConversationSession chat = saved("qwen2.5", Message.user("Log 12 for food.", List.of()),
                Message.assistant("```function_call\n{\"id\": \"1\", \"function\": \"f\", \"parameters\": {}}\n```", false, 0),
                Message.functionOutputs("```function_output\n{\"id\": \"1\", \"result\": true}\n```"),
                Message.assistant("It was", true, 0));
        assertTrue(store().canContinue(chat.id()), "results saved, the reply to them broke off");

        chat.replaceLast(Message.assistant("Logged.", false, 0));
        chat.save();
        assertFalse(store().canContinue(chat.id()), "the reply arrived in full");
    }

    @Test
    void theServersCountOfTheLatestRequestComesBackAfterARestart() throws Exception {
        ConversationSession chat = saved("qwen2.5", Message.user("Hello", List.of()));
        assertEquals(null, store().lastPrompt(chat.id()), "nothing counted yet");
        chat.countPrompt(1_234, 8_192);
        chat.add(Message.assistant("Hi.", false, 0));
        chat.save();
        assertEquals(new io.toolsmith.conversation.PromptCount(1_234, 8_192), store().lastPrompt(chat.id()));
    }

    @Test
    void imagesOfASavedChatComeBackAsFilesForTheThumbnails() throws Exception {
        byte[] png = java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        ConversationSession chat = saved("llava",
                Message.user("What is in this picture?", List.of(java.util.Base64.getEncoder().encodeToString(png))));

        EngineConversations store = store();
        Path shown = store.images(store.messages(chat.id()).get(0)).get(0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(png, Files.readAllBytes(shown));
        assertEquals(shown, store().images(store().messages(chat.id()).get(0)).get(0), "one file per image, written once");
    }

    @Test
    void deleteMovesTheFileToTheTrashAndRestoreBringsItBack() throws Exception {
        EngineConversations store = store();
        ChatSummary chat = store.create("Keep me");
        Path file = home.resolve("conversations/" + chat.id() + ".json");
        store.delete(chat.id());
        assertFalse(Files.exists(file));
        assertTrue(Files.exists(home.resolve("trash/" + chat.id() + ".json")));
        assertTrue(store.list().isEmpty());
        store.restore(chat.id());
        assertTrue(Files.exists(file));
        assertEquals("Keep me", store.list().get(0).title());
        UserFacingException twice = assertThrows(UserFacingException.class, () -> store.restore(chat.id()));
        assertTrue(twice.getMessage().startsWith("The chat could not be restored"), twice.getMessage());
    }

    @Test
    void messagesMapKindsToRolesAndExportWritesMarkdownAndJson() throws Exception {
        ConversationSession saved = saved("gemma3:12b", Message.user("Log 300 for a cab", List.of()),
                Message.assistant("```function_call\n{\"id\": \"1\"}\n```", false, 40).withCalls(List.of(
                new CallRecord(TextNode.valueOf("1"), "record_expense",
                        (ObjectNode) Json.MAPPER.readTree("{\"category\": \"Travel\", \"amount\": 300.0}"),
                        CallRecord.CallStatus.OK, BooleanNode.TRUE, null, null, null, 12),
                new CallRecord(TextNode.valueOf("2"), "delete_all", Json.MAPPER.createObjectNode(),
                        CallRecord.CallStatus.NOT_APPROVED, null, "NotApprovedError", "delete_all is not approved.",
                        null, 0))),
                Message.functionOutputs("```function_output\n{\"id\": \"1\", \"result\": true}\n```"),
                Message.toolResults("[{\"id\": \"2\", \"content\": \"ok\"}]"));

        EngineConversations store = store();
        assertEquals(List.of(MessageRole.USER, MessageRole.ASSISTANT, MessageRole.FUNCTION_RESULTS,
                MessageRole.FUNCTION_RESULTS), store.messages(saved.id()).stream().map(m -> MessageRole.of(m.kind())).toList());
        assertEquals("Log 300 for a cab", store.messages(saved.id()).get(0).content());
        List<TurnEvent.CallUpdate> calls = store.messages(saved.id()).get(1).calls().stream()
                .map(TurnEvent.CallUpdate::of).toList();
        assertEquals(new TurnEvent.CallUpdate("1", "record_expense", Map.of("category", "Travel", "amount", 300.0),
                CallStatus.DONE, "true", null), calls.get(0));
        assertEquals(CallStatus.REFUSED, calls.get(1).status());
        assertEquals("NotApprovedError: delete_all is not approved.", calls.get(1).error());

        Path md = home.resolve("out/chat.md");
        Files.createDirectories(md.getParent());
        store.export(saved.id(), ExportFormat.MARKDOWN, md);
        String text = Files.readString(md);
        assertTrue(text.startsWith("# Log 300 for a cab\n"), text);
        assertTrue(text.contains("## Function results\n\n```function_output"), text);
        Path json = home.resolve("out/chat.json");
        store.export(saved.id(), ExportFormat.JSON, json);
        assertEquals(4, Json.MAPPER.readTree(json.toFile()).get("messages").size());
    }
}
