package io.toolsmith.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsViewModelTest {
    private static final SettingsForm VALID = new SettingsForm("http://127.0.0.1:11434", "gemma3:12b", 8192, 0.7,
            0.9, Map.of("function-calling", "Call functions."), SettingsForm.InstructionMode.AUTO, 8,
            SettingsForm.SandboxBackend.LOCAL, 30, 512, false, null, "/data", "dark");

    private final SettingsViewModel model = new SettingsViewModel();

    @Test
    void validSettingsRoundTrip() {
        model.load(VALID);
        assertEquals(VALID, model.validate().orElseThrow());
        assertTrue(model.errors().isEmpty());
    }

    @Test
    void eachBadFieldGetsItsOwnSentence() {
        model.load(VALID);
        model.host.set("localhost:11434");
        model.contextLength.set("lots");
        model.temperature.set("3");
        model.topP.set("0");
        model.stepLimit.set("0");
        model.sandboxBackend.set(SettingsForm.SandboxBackend.MICROSANDBOX);
        model.microsandboxUrl.set("");
        model.dataFolder.set(" ");
        model.prompts.put("function-calling", "  ");
        assertTrue(model.validate().isEmpty());
        assertEquals(java.util.Set.of("host", "contextLength", "temperature", "topP", "stepLimit", "microsandboxUrl",
                "dataFolder", "prompt:function-calling"), model.errors().keySet());
        assertEquals("Temperature must be a number from 0.0 to 2.0.", model.errors().get("temperature"));
        assertEquals("Context length must be a whole number from 512 to 1048576.", model.errors().get("contextLength"));
    }

    @Test
    void fixingTheFieldClearsItsMessage() {
        model.load(VALID);
        model.sandboxTimeout.set("-1");
        assertTrue(model.validate().isEmpty());
        assertTrue(model.errors().containsKey("sandboxTimeout"));
        model.sandboxTimeout.set(" 60 ");
        assertEquals(60, model.validate().orElseThrow().sandboxTimeoutSeconds());
        assertTrue(model.errors().isEmpty());
    }
}
