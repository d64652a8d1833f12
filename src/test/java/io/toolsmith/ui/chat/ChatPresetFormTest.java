package io.toolsmith.ui.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.conversation.ChatPreset;
import org.junit.jupiter.api.Test;

class ChatPresetFormTest {

    @Test
    void namedPresetsTakeTheirOwnNumbersAndKeepThePrompt() {
        ChatPreset precise = ChatPresetForm.parse("Precise", "1.9", "99999", "Be exact.");
        assertEquals(new ChatPreset("Precise", 0.2, null, "Be exact."), precise, "custom fields are ignored");
        assertEquals("Precise", ChatPresetForm.choiceOf(precise));
        assertEquals(ChatPreset.NONE.withSystemPrompt("Hi"), ChatPresetForm.parse("Default", "", "", "Hi"));
        assertEquals("Default", ChatPresetForm.choiceOf(ChatPreset.NONE));
    }

    @Test
    void customFieldsAreReadOrRefusedWithASentence() {
        assertEquals(new ChatPreset("Custom", 0.5, 8192, null), ChatPresetForm.parse("Custom", "0,5", "8,192", " "));
        assertEquals(new ChatPreset("Custom", null, null, null), ChatPresetForm.parse("Custom", "", "", null));
        String hot = assertThrows(IllegalArgumentException.class,
                () -> ChatPresetForm.parse("Custom", "7", "", null)).getMessage();
        assertTrue(hot.startsWith("The temperature must be a number from 0 to 2"), hot);
        String tiny = assertThrows(IllegalArgumentException.class,
                () -> ChatPresetForm.parse("Custom", "", "100", null)).getMessage();
        assertTrue(tiny.contains("from 2,048 to 1,048,576"), tiny);
    }

    @Test
    void theHeaderLabelSaysWhatTheChatUses() {
        assertEquals("Default options", ChatPreset.NONE.label());
        assertEquals("Balanced", ChatPreset.NAMED.get(1).label());
        assertEquals("Custom · temperature 0.35 · 6,144 tokens", new ChatPreset("Custom", 0.35, 6144, null).label());
        assertEquals("Custom · temperature 1", new ChatPreset("Custom", 1.0, null, null).label());
    }
}
