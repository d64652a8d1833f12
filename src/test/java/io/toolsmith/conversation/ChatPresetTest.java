package io.toolsmith.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chat's own prompt and options: kept in its file, absent from older files, placed after the instructions. */
class ChatPresetTest {
    @TempDir
    Path dir;

    @Test
    void aChatFileWithoutAPresetReadsAsNone() throws Exception {
        Path file = dir.resolve("old.json");
        Files.writeString(file, "{\"id\":\"old\",\"title\":\"Groceries\",\"model\":\"gemma3:12b\",\"messages\":["
                + "{\"kind\":\"USER\",\"content\":\"hi\"}]}");
        Conversation old = ConversationStore.load(file);
        assertEquals(ChatPreset.NONE, old.preset());
        assertEquals("Groceries", old.title());
    }

    @Test
    void thePresetIsSavedWithTheChatAndReadBack() throws Exception {
        Path file = dir.resolve("c.json");
        Conversation chat = Conversation.create("qwen3:8b");
        ConversationSession session = ConversationSession.of(chat, file);
        ChatPreset preset = new ChatPreset("Custom", 0.3, 8192, "Answer in French.");
        session.usePreset(preset);
        assertEquals(preset, ConversationStore.load(file).preset());
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(file.toFile());
        assertEquals("Answer in French.", json.get("preset").get("systemPrompt").asText());

        session.usePreset(ChatPreset.NONE);
        assertEquals(ChatPreset.NONE, ConversationStore.load(file).preset());
    }

    @Test
    void theChatsPromptGoesAfterEveryInstructionSoTheFrontStaysTheSame() {
        ObjectNode spec = Json.MAPPER.createObjectNode().put("name", "record_expense").put("description", "Records");
        String plain = Instructions.defaults().text(List.of(spec));
        String withPrompt = Instructions.defaults().withChatPrompt("Answer in French.").text(List.of(spec));
        assertTrue(withPrompt.startsWith(plain), "the instructions and specs come first, unchanged");
        assertEquals("\n" + Instructions.CHAT_PROMPT_HEADING + "\n\nAnswer in French.\n",
                withPrompt.substring(plain.length()));
        assertTrue(Instructions.defaults().withChatPrompt("Be brief.").text(List.of(), true).endsWith("Be brief.\n"),
                "with native tools too");
        assertEquals(plain, Instructions.defaults().withChatPrompt("  ").text(List.of(spec)), "a blank prompt adds nothing");
    }
}
