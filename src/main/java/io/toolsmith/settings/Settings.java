package io.toolsmith.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the user can set, as stored in {@code settings.json}. A plain mutable DTO so Jackson can
 * read files written by older and newer versions (unknown fields are ignored, missing ones keep defaults).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class Settings {
    /** Which kind of server answers: {@code ollama} or {@code openai} (an OpenAI-compatible server). */
    public String backend = "ollama";
    /** Ollama host; null means OLLAMA_HOST or the default. */
    public String ollamaHost;
    /** Base URL of an OpenAI-compatible server (llama.cpp, LM Studio, vLLM). */
    public String openaiBaseUrl = "http://127.0.0.1:8080";
    public String defaultModel;

    /** The context window in tokens; null or 0 is automatic (the model's own length, capped to spare memory). */
    public Integer numCtx;
    public Double temperature;
    public Double topP;
    public Long seed;
    public String keepAlive;
    /** The longest reply in tokens; a reply that reaches it is marked cut off. */
    public int maxTokens = 4096;

    /** How instructions reach the model: {@code auto}, {@code system} or {@code first_user}. */
    public String instructionMode = "auto";
    /** How functions are offered: {@code prompt} (fenced blocks), {@code native} (tools) or {@code auto}. */
    public String callingMode = "prompt";
    /** Edited prompts; null means the built-in text. */
    public String functionCallingPrompt;
    public String functionWritingPrompt;

    public int stepLimit = 8;
    /** Calls beyond this many in one reply are not run; each is answered with an error saying so. */
    public int maxCallsPerReply = 16;

    public String sandboxBackend = "local";
    public int sandboxTimeoutSeconds = 30;
    public int sandboxMemoryMb = 1024;
    public boolean sandboxNetworkDefault = false;
    public String microsandboxUrl = "http://127.0.0.1:5555";

    /** Data folder; null means {@code <home>/data}. */
    public String dataFolder;
    public int maxPickleMb = 256;
    /** What the functions may keep in the data folder: megabytes of files, and files, folders and links. */
    public int dataQuotaMb = 1024;
    public int dataQuotaFiles = 10_000;

    /** {@code light}, {@code dark} or {@code system}. */
    public String theme = "system";

    /** Problems with the current values, each a sentence; empty when the settings can be used. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!List.of("ollama", "openai").contains(backend)) {
            problems.add("The backend must be \"ollama\" or \"openai\".");
        }
        if (!List.of("auto", "system", "first_user").contains(instructionMode)) {
            problems.add("The instruction mode must be auto, system or first_user.");
        }
        if (!List.of("prompt", "native", "auto").contains(callingMode)) {
            problems.add("The function calling mode must be prompt, native or auto.");
        }
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
        if (!List.of("local", "microsandbox").contains(sandboxBackend)) {
            problems.add("The sandbox backend must be local or microsandbox.");
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
        if (!List.of("light", "dark", "system").contains(theme)) {
            problems.add("The theme must be light, dark or system.");
        }
        return problems;
    }
}
