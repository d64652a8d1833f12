package io.toolsmith.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    void replyCapsAreEditedAndChecked() {
        model.load(VALID);
        assertEquals("4096", model.maxTokens.get());
        assertEquals("16", model.maxCallsPerReply.get());
        model.maxTokens.set("8");
        model.maxCallsPerReply.set("1000");
        assertTrue(model.validate().isEmpty());
        assertEquals("The reply length limit (tokens) must be a whole number from 16 to 1048576.",
                model.errors().get("maxTokens"));
        assertEquals("The calls per reply must be a whole number from 1 to 256.", model.errors().get("maxCallsPerReply"));
        model.maxTokens.set("1024");
        model.maxCallsPerReply.set("3");
        SettingsForm edited = model.validate().orElseThrow();
        assertEquals(1024, edited.maxTokens());
        assertEquals(3, edited.maxCallsPerReply());
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

    private static final SettingsForm OPENAI = new SettingsForm("http://127.0.0.1:11434", "qwen3-8b", 8192, 0.7,
            0.9, Map.of(), SettingsForm.InstructionMode.AUTO, 8, SettingsForm.SandboxBackend.LOCAL, 30, 512, false,
            null, "/data", "dark", SettingsForm.Backend.OPENAI, "http://127.0.0.1:8080",
            SettingsForm.ApiKey.unchanged("the desktop keyring", true), SettingsForm.CallingMode.AUTO);

    @Test
    void openAiServerSettingsRoundTripWithoutTouchingTheStoredKey() {
        model.load(OPENAI);
        assertEquals(OPENAI, model.validate().orElseThrow());
        assertEquals("A key is stored in the desktop keyring; leave the field empty to keep it.",
                model.apiKeyStatus().get());
    }

    @Test
    void theServerAddressIsCheckedOnlyForTheServerInUse() {
        model.load(OPENAI);
        model.openaiBaseUrl.set("127.0.0.1:8080");
        model.host.set("not an address");
        assertTrue(model.validate().isEmpty());
        assertEquals(java.util.Set.of("openaiBaseUrl"), model.errors().keySet(), "the hidden Ollama field is not checked");
        assertEquals("Enter the server's address as a web address, for example http://127.0.0.1:8080.",
                model.errors().get("openaiBaseUrl"));

        model.backend.set(SettingsForm.Backend.OLLAMA);
        assertTrue(model.validate().isEmpty());
        assertEquals(java.util.Set.of("host"), model.errors().keySet());

        model.host.set("http://127.0.0.1:11434");
        SettingsForm ollama = model.validate().orElseThrow();
        assertEquals(SettingsForm.Backend.OLLAMA, ollama.backend());
        assertEquals("127.0.0.1:8080", ollama.openaiBaseUrl(), "the other server's address is kept as typed");
    }

    @Test
    void aNewKeyIsPassedOnOnceAndAKeyWithSpacesIsRefused() {
        model.load(OPENAI);
        model.apiKey.set("sk 123");
        assertTrue(model.validate().isEmpty());
        assertEquals("An API key is one word without spaces; paste it again or leave the field empty.",
                model.errors().get("apiKey"));

        model.apiKey.set("  sk-123  ");
        SettingsForm.ApiKey key = model.validate().orElseThrow().apiKey();
        assertEquals("sk-123", key.replacement());
        assertFalse(key.forget());
        assertFalse(key.toString().contains("sk-123"), "the key never reaches a log line");
        assertEquals("The new key will be kept in the desktop keyring, never in settings.json.", model.apiKeyStatus().get());
    }

    @Test
    void forgetKeyClearsTheStoredKeyUnlessANewOneIsTyped() {
        model.load(OPENAI);
        assertTrue(model.canForgetApiKey().get());
        model.apiKey.set("sk-typed");
        model.forgetApiKey();
        assertFalse(model.canForgetApiKey().get(), "already marked to go");
        assertEquals("", model.apiKey.get());
        assertEquals("The stored key will be forgotten when you press OK.", model.apiKeyStatus().get());
        SettingsForm.ApiKey forget = model.validate().orElseThrow().apiKey();
        assertTrue(forget.forget());
        assertNull(forget.replacement());

        model.apiKey.set("sk-new");
        SettingsForm.ApiKey replace = model.validate().orElseThrow().apiKey();
        assertFalse(replace.forget(), "a typed key replaces the stored one instead");
        assertEquals("sk-new", replace.replacement());
    }

    @Test
    void callingModeIsKept() {
        model.load(VALID);
        assertEquals(SettingsForm.CallingMode.PROMPT, model.validate().orElseThrow().callingMode());
        model.callingMode.set(SettingsForm.CallingMode.NATIVE);
        assertEquals(SettingsForm.CallingMode.NATIVE, model.validate().orElseThrow().callingMode());
    }
}
