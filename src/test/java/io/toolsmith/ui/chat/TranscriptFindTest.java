package io.toolsmith.ui.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptFindTest {
    private static final List<String> MESSAGES = List.of("Log my cab ride", "Logged the ride: 300 rupees",
            "And the train?", "Logged the train ride", "Thanks");

    @Test
    void countsMatchesAndMovesBothWaysWrappingAround() {
        TranscriptFind find = new TranscriptFind();
        find.search(MESSAGES, "RIDE", 0);
        assertEquals(0, find.currentMessage());
        assertEquals("1 of 3", find.status("RIDE"));
        assertEquals(1, find.move(1));
        assertEquals(3, find.move(1));
        assertEquals("3 of 3", find.status("RIDE"));
        assertEquals(0, find.move(1), "after the last match comes the first");
        assertEquals(3, find.move(-1), "and before the first, the last");
    }

    @Test
    void startsAtTheFirstMatchFromTheGivenMessage() {
        TranscriptFind find = new TranscriptFind();
        find.search(MESSAGES, "train", 1);
        assertEquals(2, find.currentMessage());
        assertEquals("1 of 2", find.status("train"));
        find.search(MESSAGES, "logged", 4);
        assertEquals(1, find.currentMessage(), "no match after it: the first one");
    }

    @Test
    void saysWhenNothingMatchesAndSaysNothingForAnEmptySearch() {
        TranscriptFind find = new TranscriptFind();
        find.search(MESSAGES, "bicycle", 0);
        assertEquals("No matches", find.status("bicycle"));
        assertEquals(-1, find.move(1));
        find.search(MESSAGES, "  ", 0);
        assertEquals("", find.status("  "));
        assertEquals(-1, find.currentMessage());
    }
}
