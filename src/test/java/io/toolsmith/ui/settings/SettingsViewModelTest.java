package io.toolsmith.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.settings.Backend;
import io.toolsmith.settings.CallingMode;
import io.toolsmith.settings.SandboxBackend;
import io.toolsmith.settings.Settings;
import io.toolsmith.settings.Theme;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsViewModelTest {
    private static final Settings SHOWN = Settings.defaults().withDefaultModel("gemma3:12b").withNumCtx(8192)
            .withTemperature(0.7).withTopP(0.9).withSandboxMemoryMb(512).withTheme(Theme.DARK);
    private static final SettingsForm VALID = new SettingsForm(SHOWN, "http://127.0.0.1:11434",
            Map.of("function-calling", "Call functions."), "/data", null);

    private final SettingsViewModel model = new SettingsViewModel();

    @Test
    void validSettingsRoundTrip() {
        model.load(VALID);
        assertEquals(VALID, model.validate().orElseThrow());
        assertTrue(model.errors().isEmpty());
    }

    @Test
    void withNoDefaultModelTheModelInUseIsShownAndNotSavedUnlessChanged() {
        SettingsForm none = new SettingsForm(SHOWN.withDefaultModel(null), VALID.host(), VALID.prompts(), "/data", null);
        model.load(none, "qwen3:8b");
        assertEquals("qwen3:8b", model.defaultModel.get());
        assertFalse(model.defaultModelNote().get().isEmpty());
        assertNull(model.validate().orElseThrow().settings().defaultModel(), "left as shown, the choice stays automatic");

        model.defaultModel.set("gemma3:12b");
        assertEquals("", model.defaultModelNote().get());
        assertEquals("gemma3:12b", model.validate().orElseThrow().settings().defaultModel());

        model.load(VALID, "qwen3:8b");
        assertEquals("gemma3:12b", model.defaultModel.get(), "a default that is set is shown as it is");
    }

    @Test
    void eachBadFieldGetsItsOwnSentence() {
        model.load(VALID);
        model.host.set("localhost:11434");
        model.contextLength.set("lots");
        model.temperature.set("3");
        model.topP.set("0");
        model.stepLimit.set("0");
        model.sandboxBackend.set(SandboxBackend.MICROSANDBOX);
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
        assertEquals(1024, edited.settings().maxTokens());
        assertEquals(3, edited.settings().maxCallsPerReply());
    }

    @Test
    void fixingTheFieldClearsItsMessage() {
        model.load(VALID);
        model.sandboxTimeout.set("-1");
        assertTrue(model.validate().isEmpty());
        assertTrue(model.errors().containsKey("sandboxTimeout"));
        model.sandboxTimeout.set(" 60 ");
        assertEquals(60, model.validate().orElseThrow().settings().sandboxTimeoutSeconds());
        assertTrue(model.errors().isEmpty());
    }

    @Test
    void automaticRunsOfExamplesAreOnByDefaultAndTheBoxTurnsThemOff() {
        model.load(VALID);
        assertTrue(model.runExamplesOnChange.get(), "a fresh install runs a changed function's examples");
        model.runExamplesOnChange.set(false);
        assertFalse(model.validate().orElseThrow().settings().runExamplesOnChange());
        model.load(new SettingsForm(SHOWN.withRunExamplesOnChange(false), VALID.host(), VALID.prompts(), "/data", null));
        assertFalse(model.runExamplesOnChange.get());
    }

    private static final SettingsForm OPENAI = new SettingsForm(SHOWN.withDefaultModel("qwen3-8b")
            .withBackend(Backend.OPENAI).withOpenaiBaseUrl("http://127.0.0.1:8080").withCallingMode(CallingMode.AUTO),
            "http://127.0.0.1:11434", Map.of(), "/data", SettingsForm.ApiKey.unchanged("the desktop keyring", true));

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

        model.backend.set(Backend.OLLAMA);
        assertTrue(model.validate().isEmpty());
        assertEquals(java.util.Set.of("host"), model.errors().keySet());

        model.host.set("http://127.0.0.1:11434");
        SettingsForm ollama = model.validate().orElseThrow();
        assertEquals(Backend.OLLAMA, ollama.settings().backend());
        assertEquals("127.0.0.1:8080", ollama.settings().openaiBaseUrl(), "the other server's address is kept as typed");
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
        assertEquals(CallingMode.PROMPT, model.validate().orElseThrow().settings().callingMode());
        model.callingMode.set(CallingMode.NATIVE);
        assertEquals(CallingMode.NATIVE, model.validate().orElseThrow().settings().callingMode());
    }
}
