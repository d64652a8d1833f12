package io.toolsmith.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What regenerate, edit and delete drop from a chat, and which snapshot undoes the dropped calls. */
class ChatCutTest {
    @TempDir
    Path dir;

    private static Message reply(String text, String... snapshots) {
        List<CallRecord> calls = java.util.Arrays.stream(snapshots).map(s -> new CallRecord(TextNode.valueOf("1"), "f",
                null, CallRecord.CallStatus.OK, TextNode.valueOf("x"), null, null, null, 1).withSnapshot(s)).toList();
        return Message.assistant(text, false, 0).withCalls(calls);
    }

    private static List<Message> chat() {
        return List.of(Message.user("first", List.of()), reply("one"),
                Message.user("second", List.of()), reply("calling", "S2", "S3"), Message.functionOutputs("out"),
                reply("calling again", "S4"), Message.functionOutputs("out 2"), reply("done"));
    }

    @Test
    void regenerateDropsEverythingAfterTheLastUserMessageAndNamesTheFirstSnapshot() throws Exception {
        ChatCut cut = ChatCut.regenerate(chat());
        assertEquals(3, cut.from());
        assertEquals(8, cut.to());
        assertEquals("second", cut.resend().content());
        assertEquals(Optional.of("S2"), cut.snapshotBeforeCalls());
    }

    @Test
    void editDropsTheMessageAndWhatFollowsAndOnlyUserMessagesCanBeEdited() throws Exception {
        ChatCut cut = ChatCut.edit(chat(), 0);
        assertEquals(0, cut.from());
        assertEquals(8, cut.to());
        assertEquals(Optional.of("S2"), cut.snapshotBeforeCalls());
        assertEquals(2, ChatCut.editLast(chat()).from());
        assertThrows(UserFacingException.class, () -> ChatCut.edit(chat(), 1));
        assertThrows(UserFacingException.class, () -> ChatCut.edit(chat(), 8));
    }

    @Test
    void deletingAReplyTakesTheResultsOfItsCallsAndResultsAloneCannotBeDeleted() throws Exception {
        ChatCut reply = ChatCut.delete(chat(), 5);
        assertEquals(5, reply.from());
        assertEquals(7, reply.to());
        assertEquals(Optional.of("S4"), reply.snapshotBeforeCalls());
        ChatCut user = ChatCut.delete(chat(), 0);
        assertEquals(1, user.to());
        assertFalse(user.ranCalls());
        assertThrows(UserFacingException.class, () -> ChatCut.delete(chat(), 4));
    }

    @Test
    void theSessionDropsTheCutOnlyWhileTheChatStillHoldsItAndForkCopiesUpToAMessage() throws Exception {
        Path file = dir.resolve("chat.json");
        Conversation conversation = Conversation.create("m");
        chat().forEach(conversation::add);
        ConversationSession session = ConversationSession.of(conversation, file);
        session.save();

        ChatCut stale = ChatCut.delete(List.of(Message.user("other", List.of())), 0);
        assertThrows(UserFacingException.class, () -> session.drop(stale));
        assertEquals(8, session.messages().size(), "nothing was dropped");

        session.drop(ChatCut.regenerate(session.messages()));
        session.save();
        Conversation saved = ConversationStore.load(file);
        assertEquals(3, saved.messages().size());
        assertEquals("second", saved.messages().get(2).content());

        Conversation fork = saved.fork(1);
        assertEquals("first (fork)", fork.title());
        assertEquals(List.of("first", "one"), fork.messages().stream().map(Message::content).toList());
        assertFalse(fork.id().equals(saved.id()));
    }

    @Test
    void aCallsSnapshotIsSavedWithTheChatAndOlderRecordsStillRead() throws Exception {
        Path file = dir.resolve("chat.json");
        Conversation conversation = Conversation.create("m");
        conversation.add(reply("calling", "20260101T000000.000Z-1"));
        ConversationStore.saveTo(file, conversation);
        assertEquals("20260101T000000.000Z-1", ConversationStore.load(file).messages().get(0).calls().get(0).snapshot());

        String older = "{\"id\": \"1\", \"function\": \"f\", \"status\": \"OK\", \"durationMillis\": 3}";
        CallRecord record = Json.MAPPER.readValue(older, CallRecord.class);
        assertEquals(null, record.snapshot());
        assertTrue(record.ok());
        assertFalse(Json.MAPPER.writeValueAsString(record).contains("snapshot"), "no snapshot, no field");
    }
}
