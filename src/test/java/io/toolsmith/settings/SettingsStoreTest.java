package io.toolsmith.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.util.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** settings.json files written by older versions, by hand, or by a newer version still read to typed settings. */
class SettingsStoreTest {
    @TempDir
    Path home;

    private Settings read(String json) throws Exception {
        Path file = home.resolve("settings.json");
        Files.writeString(file, json);
        return new SettingsStore(file).current();
    }

    @Test
    void theSpellingsEarlierVersionsWroteReadAsTheirChoices() throws Exception {
        Settings s = read("""
                {
                  "backend" : "openai",
                  "openaiBaseUrl" : "http://127.0.0.1:1234",
                  "instructionMode" : "first_user",
                  "callingMode" : "native",
                  "sandboxBackend" : "microsandbox",
                  "theme" : "dark",
                  "stepLimit" : 12,
                  "maxTokens" : 2048
                }""");
        assertEquals(Backend.OPENAI, s.backend());
        assertEquals("http://127.0.0.1:1234", s.openaiBaseUrl());
        assertEquals(InstructionMode.FIRST_USER, s.instructionMode());
        assertEquals(CallingMode.NATIVE, s.callingMode());
        assertEquals(SandboxBackend.MICROSANDBOX, s.sandboxBackend());
        assertEquals(Theme.DARK, s.theme());
        assertEquals(12, s.stepLimit());
        assertEquals(2048, s.maxTokens());
    }

    @Test
    void upperCaseNamesAndOldAliasesReadToo() throws Exception {
        Settings s = read("""
                {"backend": "OPENAI", "instructionMode": "first-user", "callingMode": "AUTO",
                 "sandboxBackend": "LOCAL", "theme": "Light"}""");
        assertEquals(Backend.OPENAI, s.backend());
        assertEquals(InstructionMode.FIRST_USER, s.instructionMode());
        assertEquals(CallingMode.AUTO, s.callingMode());
        assertEquals(SandboxBackend.LOCAL, s.sandboxBackend());
        assertEquals(Theme.LIGHT, s.theme());
    }

    @Test
    void unknownValuesReadAsTheDefaultAndTheRestOfTheFileIsKept() throws Exception {
        Settings s = read("""
                {"backend": "llamafile", "instructionMode": "developer", "callingMode": "json",
                 "sandboxBackend": "docker", "theme": "solarized", "someLaterSetting": {"nested": [1, 2]},
                 "defaultModel": "gemma3:12b", "stepLimit": 20}""");
        assertEquals(Backend.OLLAMA, s.backend());
        assertEquals(InstructionMode.AUTO, s.instructionMode());
        assertEquals(CallingMode.PROMPT, s.callingMode());
        assertEquals(SandboxBackend.LOCAL, s.sandboxBackend());
        assertEquals(Theme.SYSTEM, s.theme());
        assertEquals("gemma3:12b", s.defaultModel());
        assertEquals(20, s.stepLimit());
        assertFalse(Files.exists(home.resolve("settings.damaged.json")), "the file was read, not set aside");
    }

    @Test
    void missingFieldsAndNullsKeepTheDefaults() throws Exception {
        Settings s = read("""
                {"ollamaHost": "http://10.0.0.2:11434", "defaultModel": "qwen3:8b", "backend": null, "theme": null}""");
        assertEquals("http://10.0.0.2:11434", s.ollamaHost());
        assertEquals("qwen3:8b", s.defaultModel());
        assertEquals(Backend.OLLAMA, s.backend());
        assertEquals(Theme.SYSTEM, s.theme());
        assertEquals(CallingMode.PROMPT, s.callingMode());
        assertEquals(8, s.stepLimit());
        assertEquals(4096, s.maxTokens());
        assertEquals(16, s.maxCallsPerReply());
        assertEquals(1024, s.dataQuotaMb());
        assertEquals(Settings.DEFAULT_OPENAI_BASE_URL, s.openaiBaseUrl());
        assertNull(s.numCtx());
    }

    @Test
    void theFirstFormsWrittenDefaultContextSizeReadsAsAutomaticAndAChosenOneStays() throws Exception {
        assertEquals(null, read("{\"numCtx\": 8192, \"stepLimit\": 6}").numCtx(),
                "the first form's dialog always wrote 8192");
        assertEquals(4096, read("{\"numCtx\": 4096}").numCtx(), "any other size was chosen");
        Path file = home.resolve("settings.json");
        new SettingsStore(file).update(x -> x.withNumCtx(8192));
        assertEquals(8192, new SettingsStore(file).current().numCtx(), "8192 chosen in this form stays");
    }

    @Test
    void aDamagedFileIsSetAsideAndDefaultsAreUsed() throws Exception {
        Settings s = read("{\"backend\": \"openai\", \"stepLimit\": ");
        assertEquals(Settings.defaults(), s);
        assertTrue(Files.exists(home.resolve("settings.damaged.json")), "the damaged file is kept for the user");
    }

    @Test
    void savedSettingsReadBackEqualInTheSpellingOlderVersionsRead() throws Exception {
        Path file = home.resolve("settings.json");
        Settings changed = Settings.defaults().withBackend(Backend.OPENAI).withInstructionMode(InstructionMode.FIRST_USER)
                .withCallingMode(CallingMode.AUTO).withSandboxBackend(SandboxBackend.MICROSANDBOX).withTheme(Theme.DARK)
                .withNumCtx(16384).withTemperature(0.3).withSeed(7L).withStepLimit(3).withFunctionWritingPrompt("Be brief.");
        new SettingsStore(file).save(changed);

        assertEquals(changed, new SettingsStore(file).current());
        String json = Files.readString(file);
        for (String spelling : new String[] {"\"backend\" : \"openai\"", "\"instructionMode\" : \"first_user\"",
                "\"callingMode\" : \"auto\"", "\"sandboxBackend\" : \"microsandbox\"", "\"theme\" : \"dark\""}) {
            assertTrue(json.contains(spelling), spelling + " in " + json);
        }
    }

    @Test
    void aRefusedChangeLeavesTheFileAndTheCurrentSettingsAsTheyWere() throws Exception {
        Path file = home.resolve("settings.json");
        SettingsStore store = new SettingsStore(file);
        Settings before = store.update(s -> s.withStepLimit(5));
        String onDisk = Files.readString(file);

        UserFacingException refused = assertThrows(UserFacingException.class,
                () -> store.update(s -> s.withStepLimit(0).withTemperature(9.0)));
        assertTrue(refused.getMessage().contains("step limit") && refused.getMessage().contains("temperature"),
                refused.getMessage());
        assertEquals(before, store.current());
        assertEquals(onDisk, Files.readString(file));
    }

    @Test
    void aSnapshotDoesNotChangeWhenTheSettingsDo() throws Exception {
        SettingsStore store = new SettingsStore(home.resolve("settings.json"));
        Settings snapshot = store.current();
        store.update(s -> s.withMaxTokens(64).withCallingMode(CallingMode.NATIVE));
        assertEquals(4096, snapshot.maxTokens());
        assertEquals(CallingMode.PROMPT, snapshot.callingMode());
        assertNotEquals(snapshot, store.current());
        assertEquals(64, store.current().maxTokens());
    }

    @Test
    void reloadingTakesUpAnotherProcessesChangeButKeepsTheSettingsInUseWhenTheFileIsDamaged() throws Exception {
        Path file = home.resolve("settings.json");
        SettingsStore store = new SettingsStore(file);
        store.update(s -> s.withStepLimit(4));

        Files.writeString(file, "{\"stepLimit\": 6, \"theme\": \"DARK\"}");
        assertEquals(6, store.reload().stepLimit());
        assertEquals(Theme.DARK, store.current().theme());

        Files.writeString(file, "{\"stepLimit\": ");
        assertEquals(6, store.reload().stepLimit(), "a half-edited file does not reset the running app");
        assertFalse(Files.exists(home.resolve("settings.damaged.json")));
    }
}
