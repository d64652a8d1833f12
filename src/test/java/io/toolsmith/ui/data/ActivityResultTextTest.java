package io.toolsmith.ui.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ActivityResultTextTest {
    @Test
    void compactJsonIsShownOneValueALineSoItCanWrap() {
        String shown = ActivityResultText.readable("{\"recorded\":{\"amount\":300,\"category\":\"travel\"},\"total\":2}");
        assertTrue(shown.contains("\n"), shown);
        assertTrue(shown.lines().allMatch(line -> line.length() < 30), shown);
        assertTrue(shown.contains("\"category\" : \"travel\""), shown);
    }

    @Test
    void plainTextAndBrokenJsonStayAsTheyAre() {
        assertEquals("InvalidAmount: the amount must be positive",
                ActivityResultText.readable("InvalidAmount: the amount must be positive"));
        assertEquals("{\"cut off", ActivityResultText.readable("{\"cut off"));
    }
}
