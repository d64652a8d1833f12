package io.toolsmith.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.settings.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The context length field: empty is automatic, and a change says that the model reloads. */
class ContextLengthSettingTest {
    private static final SettingsForm AUTOMATIC = new SettingsForm(Settings.defaults().withDefaultModel("gemma3:12b"),
            "http://127.0.0.1:11434", Map.of("function-calling", "Call functions."), "/data", null);

    private final SettingsViewModel model = new SettingsViewModel();

    @Test
    void anEmptyFieldIsAutomaticAndSavesAsUnset() {
        model.load(AUTOMATIC);
        assertEquals("", model.contextLength.get());
        assertTrue(model.contextLengthNote().get().startsWith("Automatic"), model.contextLengthNote().get());
        assertFalse(model.contextLengthNote().get().contains("reloads"));
        assertNull(model.validate().orElseThrow().settings().numCtx(), "unset: automatic");
    }

    @Test
    void aChangedSizeWarnsThatTheModelReloads() {
        model.load(AUTOMATIC);
        model.contextLength.set("16384");
        assertTrue(model.contextLengthNote().get().contains("reloads the model"), model.contextLengthNote().get());
        assertEquals(16384, model.validate().orElseThrow().settings().numCtx());
        model.contextLength.set("100");
        assertTrue(model.validate().isEmpty());
        assertEquals("Context length must be a whole number from 512 to 1048576.", model.errors().get("contextLength"));
    }
}
