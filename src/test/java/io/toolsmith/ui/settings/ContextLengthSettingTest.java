package io.toolsmith.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The context length field: empty is automatic, and a change says that the model reloads. */
class ContextLengthSettingTest {
    private static final SettingsForm AUTOMATIC = new SettingsForm("http://127.0.0.1:11434", "gemma3:12b", 0, 0.7,
            0.9, Map.of("function-calling", "Call functions."), SettingsForm.InstructionMode.AUTO, 8,
            SettingsForm.SandboxBackend.LOCAL, 30, 512, false, null, "/data", "dark");

    private final SettingsViewModel model = new SettingsViewModel();

    @Test
    void anEmptyFieldIsAutomaticAndSavesAsZero() {
        model.load(AUTOMATIC);
        assertEquals("", model.contextLength.get());
        assertTrue(model.contextLengthNote().get().startsWith("Automatic"), model.contextLengthNote().get());
        assertFalse(model.contextLengthNote().get().contains("reloads"));
        assertEquals(0, model.validate().orElseThrow().contextLength());
    }

    @Test
    void aChangedSizeWarnsThatTheModelReloads() {
        model.load(AUTOMATIC);
        model.contextLength.set("16384");
        assertTrue(model.contextLengthNote().get().contains("reloads the model"), model.contextLengthNote().get());
        assertEquals(16384, model.validate().orElseThrow().contextLength());
        model.contextLength.set("100");
        assertTrue(model.validate().isEmpty());
        assertEquals("Context length must be a whole number from 512 to 1048576.", model.errors().get("contextLength"));
    }
}
