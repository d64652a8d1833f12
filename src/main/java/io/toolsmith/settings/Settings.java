package io.toolsmith.settings;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.toolsmith.util.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything the user can set, as stored in {@code settings.json}: an immutable value. A change makes a copy
 * ({@code with…}); {@link SettingsStore} holds the current one, and each turn reads one snapshot from start to end.
 *
 * <p>Jackson reads and writes the fields directly, so files written by older and newer versions still read: unknown
 * fields are ignored, missing ones keep the defaults below, and unknown or old spellings of the choices read as
 * their enum's default or alias. Every setting lives in this one class (field, accessor, wither, check).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public final class Settings implements Cloneable {
    public static final String DEFAULT_OPENAI_BASE_URL = "http://127.0.0.1:8080";

    private Backend backend = Backend.OLLAMA;
    /** Ollama host; null means OLLAMA_HOST or the default. */
    private String ollamaHost;
    /** Base URL of an OpenAI-compatible server (llama.cpp, LM Studio, vLLM). */
    private String openaiBaseUrl = DEFAULT_OPENAI_BASE_URL;
    private String defaultModel;

    /** The context window in tokens; null or 0 is automatic (the model's own length, capped to spare memory). */
    private Integer numCtx;
    private Double temperature;
    private Double topP;
    private Long seed;
    private String keepAlive;
    /** The longest reply in tokens; a reply that reaches it is marked cut off. */
    private int maxTokens = 4096;

    private InstructionMode instructionMode = InstructionMode.AUTO;
    private CallingMode callingMode = CallingMode.PROMPT;
    /** Edited prompts; null means the built-in text. */
    private String functionCallingPrompt;
    private String functionWritingPrompt;

    private int stepLimit = 8;
    /** Calls beyond this many in one reply are not run; each is answered with an error saying so. */
    private int maxCallsPerReply = 16;

    private SandboxBackend sandboxBackend = SandboxBackend.LOCAL;
    private int sandboxTimeoutSeconds = 30;
    private int sandboxMemoryMb = 1024;
    private boolean sandboxNetworkDefault = false;
    private String microsandboxUrl = "http://127.0.0.1:5555";
    /** Whether a function's examples run by themselves when its code or spec changes (on a copy of the data). */
    private boolean runExamplesOnChange = true;

    /** Data folder; null means {@code <home>/data}. */
    private String dataFolder;
    private int maxPickleMb = 256;
    /** What the functions may keep in the data folder: megabytes of files, and files, folders and links. */
    private int dataQuotaMb = 1024;
    private int dataQuotaFiles = 10_000;

    private Theme theme = Theme.SYSTEM;

    /**
     * Which form of the file this is; missing in files of the first form. That form's settings dialog always wrote
     * the context size it showed as its default, 8,192, so such a file's 8,192 is no choice of the user's and reads
     * as automatic.
     */
    private Integer format;
    static final int FORMAT = 2;
    private static final int FIRST_FORMS_DIALOG_DEFAULT = 8192;

    private Settings() {
        // Jackson reads into a fresh instance; everyone else starts from defaults() or a snapshot
    }

    /** The settings of a fresh install. */
    public static Settings defaults() {
        return new Settings().copy(s -> s.format = FORMAT);
    }

    public Backend backend() { return backend; }
    public String ollamaHost() { return ollamaHost; }
    public String openaiBaseUrl() { return openaiBaseUrl; }
    public String defaultModel() { return defaultModel; }
    public Integer numCtx() { return numCtx; }
    public Double temperature() { return temperature; }
    public Double topP() { return topP; }
    public Long seed() { return seed; }
    public String keepAlive() { return keepAlive; }
    public int maxTokens() { return maxTokens; }
    public InstructionMode instructionMode() { return instructionMode; }
    public CallingMode callingMode() { return callingMode; }
    public String functionCallingPrompt() { return functionCallingPrompt; }
    public String functionWritingPrompt() { return functionWritingPrompt; }
    public int stepLimit() { return stepLimit; }
    public int maxCallsPerReply() { return maxCallsPerReply; }
    public SandboxBackend sandboxBackend() { return sandboxBackend; }
    public int sandboxTimeoutSeconds() { return sandboxTimeoutSeconds; }
    public int sandboxMemoryMb() { return sandboxMemoryMb; }
    public boolean sandboxNetworkDefault() { return sandboxNetworkDefault; }
    public String microsandboxUrl() { return microsandboxUrl; }
    public boolean runExamplesOnChange() { return runExamplesOnChange; }
    public String dataFolder() { return dataFolder; }
    public int maxPickleMb() { return maxPickleMb; }
    public int dataQuotaMb() { return dataQuotaMb; }
    public int dataQuotaFiles() { return dataQuotaFiles; }
    public Theme theme() { return theme; }

    public Settings withBackend(Backend v) { return copy(s -> s.backend = v == null ? Backend.OLLAMA : v); }
    public Settings withOllamaHost(String v) { return copy(s -> s.ollamaHost = v); }
    public Settings withOpenaiBaseUrl(String v) { return copy(s -> s.openaiBaseUrl = v); }
    public Settings withDefaultModel(String v) { return copy(s -> s.defaultModel = v); }
    public Settings withNumCtx(Integer v) { return copy(s -> s.numCtx = v); }
    public Settings withTemperature(Double v) { return copy(s -> s.temperature = v); }
    public Settings withTopP(Double v) { return copy(s -> s.topP = v); }
    public Settings withSeed(Long v) { return copy(s -> s.seed = v); }
    public Settings withKeepAlive(String v) { return copy(s -> s.keepAlive = v); }
    public Settings withMaxTokens(int v) { return copy(s -> s.maxTokens = v); }
    public Settings withInstructionMode(InstructionMode v) { return copy(s -> s.instructionMode = v == null ? InstructionMode.AUTO : v); }
    public Settings withCallingMode(CallingMode v) { return copy(s -> s.callingMode = v == null ? CallingMode.PROMPT : v); }
    public Settings withFunctionCallingPrompt(String v) { return copy(s -> s.functionCallingPrompt = v); }
    public Settings withFunctionWritingPrompt(String v) { return copy(s -> s.functionWritingPrompt = v); }
    public Settings withStepLimit(int v) { return copy(s -> s.stepLimit = v); }
    public Settings withMaxCallsPerReply(int v) { return copy(s -> s.maxCallsPerReply = v); }
    public Settings withSandboxBackend(SandboxBackend v) { return copy(s -> s.sandboxBackend = v == null ? SandboxBackend.LOCAL : v); }
    public Settings withSandboxTimeoutSeconds(int v) { return copy(s -> s.sandboxTimeoutSeconds = v); }
    public Settings withSandboxMemoryMb(int v) { return copy(s -> s.sandboxMemoryMb = v); }
    public Settings withSandboxNetworkDefault(boolean v) { return copy(s -> s.sandboxNetworkDefault = v); }
    public Settings withMicrosandboxUrl(String v) { return copy(s -> s.microsandboxUrl = v); }
    public Settings withRunExamplesOnChange(boolean v) { return copy(s -> s.runExamplesOnChange = v); }
    public Settings withDataFolder(String v) { return copy(s -> s.dataFolder = v); }
    public Settings withMaxPickleMb(int v) { return copy(s -> s.maxPickleMb = v); }
    public Settings withDataQuotaMb(int v) { return copy(s -> s.dataQuotaMb = v); }
    public Settings withDataQuotaFiles(int v) { return copy(s -> s.dataQuotaFiles = v); }
    public Settings withTheme(Theme v) { return copy(s -> s.theme = v == null ? Theme.SYSTEM : v); }

    /** These settings with an explicit {@code null} choice in the file read as that choice's default. */
    Settings normalized() {
        return copy(s -> {
            s.backend = backend == null ? Backend.OLLAMA : backend;
            s.instructionMode = instructionMode == null ? InstructionMode.AUTO : instructionMode;
            s.callingMode = callingMode == null ? CallingMode.PROMPT : callingMode;
            s.sandboxBackend = sandboxBackend == null ? SandboxBackend.LOCAL : sandboxBackend;
            s.theme = theme == null ? Theme.SYSTEM : theme;
            if (format == null) {
                s.numCtx = numCtx != null && numCtx == FIRST_FORMS_DIALOG_DEFAULT ? null : numCtx;
                s.format = FORMAT;
            }
        });
    }

    /** Equal when every setting is: compared as written to the file, so a new field takes part without more code. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Settings that && Json.MAPPER.valueToTree(this).equals(Json.MAPPER.valueToTree(that));
    }

    @Override
    public int hashCode() {
        return Json.MAPPER.valueToTree(this).hashCode();
    }

    @Override
    public String toString() {
        return "Settings" + Json.MAPPER.valueToTree(this);
    }

    /** A copy with one change; every field is an immutable value, so a shallow copy shares nothing mutable. */
    private Settings copy(Consumer<Settings> change) {
        try {
            Settings copy = (Settings) super.clone();
            change.accept(copy);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("Settings is Cloneable", e);
        }
    }

    /** Problems with the values, each a sentence; empty when the settings can be used. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (stepLimit < 1 || stepLimit > 100) {
            problems.add("The step limit must be between 1 and 100.");
        }
        if (maxTokens < 16 || maxTokens > 1_048_576) {
            problems.add("The reply length limit (maxTokens) must be between 16 and 1048576 tokens.");
        }
        if (maxCallsPerReply < 1 || maxCallsPerReply > 256) {
            problems.add("The number of calls run per reply (maxCallsPerReply) must be between 1 and 256.");
        }
        if (numCtx != null && numCtx != 0 && (numCtx < 256 || numCtx > 1_048_576)) {
            problems.add("The context length must be between 256 and 1048576 tokens.");
        }
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            problems.add("The temperature must be between 0 and 2.");
        }
        if (topP != null && (topP <= 0 || topP > 1)) {
            problems.add("Top-p must be greater than 0 and at most 1.");
        }
        if (sandboxTimeoutSeconds < 1 || sandboxTimeoutSeconds > 3600) {
            problems.add("The sandbox timeout must be between 1 and 3600 seconds.");
        }
        if (sandboxMemoryMb < 64 || sandboxMemoryMb > 65536) {
            problems.add("The sandbox memory limit must be between 64 and 65536 MB.");
        }
        if (maxPickleMb < 1) {
            problems.add("The largest data file to show must be at least 1 MB.");
        }
        if (dataQuotaMb < 1 || dataQuotaMb > 1_048_576) {
            problems.add("The data folder quota must be between 1 and 1048576 MB.");
        }
        if (dataQuotaFiles < 10 || dataQuotaFiles > 10_000_000) {
            problems.add("The data folder's file quota must be between 10 and 10000000 files.");
        }
        return problems;
    }
}
