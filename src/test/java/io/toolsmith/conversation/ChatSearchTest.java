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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searching the chats' messages with real chat files and a real index on disk. */
class ChatSearchTest {
    @TempDir
    Path home;

    private ConversationStore store() {
        return new ConversationStore(home.resolve("conversations"), home.resolve("cache/chat-index.json"));
    }

    private ChatSearch search() {
        return new ChatSearch(home.resolve("conversations"), home.resolve("cache/chat-search"));
    }

    private Conversation saved(ConversationStore store, String question, String... replies) throws Exception {
        Conversation chat = Conversation.create("qwen3:8b");
        chat.add(Message.user(question, List.of()));
        for (String reply : replies) {
            chat.add(Message.assistant(reply, false, 0));
        }
        store.save(chat);
        return chat;
    }

    private static List<String> ids(List<ChatHit> hits) {
        return hits.stream().map(ChatHit::id).toList();
    }

    @Test
    void aWordOfAReplyFindsItsChatsNewestFirstWithALineAroundIt() throws Exception {
        ConversationStore store = store();
        Conversation older = saved(store, "Log my spending", "Recorded: cab ride to the airport, 23.50 EUR.");
        saved(store, "What is the weather", "I cannot look outside.");
        Conversation newer = saved(store, "And again", "Another CAB ride was recorded.");

        try (ChatSearch search = search()) {
            List<ChatHit> hits = search.search("cab ride", 10);
            assertEquals(List.of(newer.id(), older.id()), ids(hits));
            assertEquals("Another CAB ride was recorded.", hits.get(0).snippet());
            assertEquals(List.of(newer.id()), ids(search.search("  Cab Ride  ", 1)), "trimmed, any case, limited");
            assertEquals(List.of(), search.search("cab airplane", 10));
        }
    }

    @Test
    void theTextMayStartAndEndInsideWordsButNeverSpanTwoMessages() throws Exception {
        ConversationStore store = store();
        Conversation chat = saved(store, "Spending", "The expense is kept in expenses.pkl", "Second reply");

        try (ChatSearch search = search()) {
            assertEquals(List.of(chat.id()), ids(search.search("xpense is ke", 10)));
            assertEquals(List.of(chat.id()), ids(search.search("ses.p", 10)));
            assertEquals(List.of(), search.search("expenses.pkl second", 10), "the end of one reply and the next");
        }
    }

    @Test
    void textWithoutWordsIsFoundToo() throws Exception {
        ConversationStore store = store();
        Conversation euro = saved(store, "Prices", "It costs 5 € -> cheap");
        saved(store, "Other", "Nothing here");

        try (ChatSearch search = search()) {
            assertEquals(List.of(euro.id()), ids(search.search("€ ->", 10)));
        }
    }

    @Test
    void aLongMessageGivesALineAroundTheMatchMarkedAsCut() {
        String text = "a".repeat(200) + " the needle\nin  the haystack " + "b".repeat(200);
        String snippet = ChatText.snippet(ChatText.of(List.of(Message.user("first", List.of()),
                Message.assistant(text, false, 0))), "needle");
        assertTrue(snippet.startsWith("…") && snippet.endsWith("…"), snippet);
        assertTrue(snippet.contains(" the needle in the haystack "), snippet);
        assertTrue(snippet.length() < 110, snippet);
    }

    @Test
    void chatsSavedDeletedOrDamagedSinceTheLastSearchAreSeenAtOnce() throws Exception {
        ConversationStore store = store();
        Conversation changed = saved(store, "Plans", "We will hike.");
        Conversation deleted = saved(store, "Hike", "A long hike.");
        Conversation damaged = saved(store, "More", "Hike again.");

        try (ChatSearch search = search()) {
            assertEquals(3, search.search("hike", 10).size());

            // another process adds to one chat, deletes one and leaves one unreadable
            changed.add(Message.assistant("Then we swim.", false, 0));
            store().save(changed);
            store.delete(deleted);
            Files.writeString(store.fileOf(damaged), "{ not a chat", StandardCharsets.UTF_8);
            Conversation added = saved(store(), "New", "A swim in the lake.");

            assertEquals(List.of(added.id(), changed.id()), ids(search.search("swim", 10)));
            assertEquals(List.of(changed.id()), ids(search.search("hike", 10)));
        }
    }

    @Test
    void theIndexIsKeptOnDiskSoAnUnchangedChatIsNotReadAgain() throws Exception {
        ConversationStore store = store();
        Conversation kept = saved(store, "Garden", "Water the tomatoes.");
        try (ChatSearch search = search()) {
            assertEquals(List.of(kept.id()), ids(search.search("tomato", 10)));
        }
        Path file = store.fileOf(kept);
        FileTime time = Files.getLastModifiedTime(file);
        byte[] junk = new byte[(int) Files.size(file)];
        Arrays.fill(junk, (byte) '#');
        // Same file, size and time, other bytes: only an index kept from the last run still knows the chat.
        Files.write(file, junk, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        Files.setLastModifiedTime(file, time);

        try (ChatSearch search = search()) {
            assertEquals(List.of(kept.id()), ids(search.search("tomato", 10)));
        }
    }

    @Test
    void aDamagedIndexIsBuiltAgainAndOneInUseElsewhereIsReplacedByOneInMemory() throws Exception {
        ConversationStore store = store();
        Conversation chat = saved(store, "Books", "Read Dune next.");
        try (ChatSearch search = search()) {
            search.search("dune", 10);
        }
        Path index = home.resolve("cache/chat-search");
        try (Stream<Path> files = Files.list(index)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segments")).toList()) {
                Files.write(file, new byte[] {1, 2, 3});
            }
        }
        try (ChatSearch first = search(); ChatSearch second = search()) {
            assertEquals(List.of(chat.id()), ids(first.search("dune", 10)), "rebuilt from the chat files");
            assertEquals(List.of(chat.id()), ids(second.search("dune", 10)), "the first one holds the index");
        }
    }
}
