package io.toolsmith.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing chats reads the index and the files' sizes and times; a chat file is read only when it changed. */
class ChatIndexTest {
    @TempDir
    Path home;

    private ConversationStore store() {
        return new ConversationStore(home.resolve("conversations"), home.resolve("cache/chat-index.json"));
    }

    private Conversation saved(ConversationStore store, String text, int messages) throws Exception {
        Conversation chat = Conversation.create("qwen3:8b");
        for (int i = 0; i < messages; i++) {
            chat.add(i == 0 ? Message.user(text, List.of()) : Message.assistant("reply " + i, false, 0));
        }
        store.save(chat);
        return chat;
    }

    @Test
    void anUnchangedChatIsListedFromTheIndexWithoutReadingItsFile() throws Exception {
        ConversationStore store = store();
        Conversation kept = saved(store, "Groceries", 3);
        saved(store, "Trip", 1);
        store.list(); // the saves are noted in memory; listing writes the index
        Path file = store.fileOf(kept);
        FileTime time = Files.getLastModifiedTime(file);
        byte[] junk = new byte[(int) Files.size(file)];
        Arrays.fill(junk, (byte) '#');
        // Same file, size and time, other bytes: only an index that does not read the file still knows the chat.
        Files.write(file, junk, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        Files.setLastModifiedTime(file, time);

        List<ChatSummary> listed = store().list();
        assertEquals(List.of("Trip", "Groceries"), listed.stream().map(ChatSummary::title).toList(), "newest first");
        assertEquals(new ChatSummary(kept.id(), "Groceries", kept.updated(), 3), listed.get(1));
    }

    @Test
    void aChatChangedByAnotherProcessIsReadAgainAndAGoneOneLeavesTheList() throws Exception {
        ConversationStore store = store();
        Conversation changed = saved(store, "Before", 1);
        Conversation gone = saved(store, "Gone", 1);
        assertEquals(2, store.list().size());

        changed.add(Message.assistant("More.", false, 0));
        changed.rename("After");
        ConversationStore.saveTo(store.fileOf(changed), changed); // as `toolsmith chat --conversation` saves: no index
        Files.delete(store.fileOf(gone));

        List<ChatSummary> listed = store().list();
        assertEquals(1, listed.size());
        assertEquals("After", listed.get(0).title());
        assertEquals(2, listed.get(0).messageCount());
    }

    @Test
    void aMissingOrDamagedIndexIsRebuiltFromTheChatFiles() throws Exception {
        ConversationStore store = store();
        saved(store, "One", 2);
        saved(store, "Two", 4);
        List<ChatSummary> before = store.list();
        Path index = home.resolve("cache/chat-index.json");
        assertTrue(Files.exists(index));

        Files.delete(index);
        assertEquals(before, store().list());
        assertTrue(Files.exists(index), "written again");

        Files.writeString(index, "{\"not\": \"a list\"", StandardCharsets.UTF_8);
        assertEquals(before, store().list());
    }

    @Test
    void unreadableChatFilesAndHiddenFilesAreNotListed() throws Exception {
        ConversationStore store = store();
        saved(store, "Fine", 1);
        Files.writeString(home.resolve("conversations/broken.json"), "{\"messages\": [", StandardCharsets.UTF_8);
        Files.writeString(home.resolve("conversations/.x.json.tmp"), "{}", StandardCharsets.UTF_8);
        assertEquals(List.of("Fine"), store.list().stream().map(ChatSummary::title).toList());
    }
}
