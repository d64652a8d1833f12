package io.toolsmith.ui.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelSetupViewModelTest {

    @Test
    void progressReadsAsBytesPercentAndSpeed() {
        assertEquals("1.2 GB of 8.1 GB · 15% · 45.3 MB/s",
                ModelSetupViewModel.describe(1_215_000_000L, 8_100_000_000L, 45_300_000));
        assertEquals("512 kB of 3.3 GB · 0%", ModelSetupViewModel.describe(512_000, 3_300_000_000L, 0));
        assertEquals("999 B", ModelSetupViewModel.bytes(999));
    }

    @Test
    void suggestionsStartWithTheRecommendedModel() {
        assertEquals("gemma3:12b", SuggestedModel.FOR_FUNCTION_CALLING.get(0).name());
        assertEquals(4, SuggestedModel.FOR_FUNCTION_CALLING.size());
    }

    @Test
    void installHintsArePerPlatform() {
        assertTrue(OllamaHelp.installHint("Linux").contains("install.sh"));
        assertTrue(OllamaHelp.installHint("Mac OS X").contains("menu bar"));
        assertTrue(OllamaHelp.installHint("Windows 11").contains("installer"));
    }
}
