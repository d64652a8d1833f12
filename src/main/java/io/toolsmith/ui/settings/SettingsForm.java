package io.toolsmith.ui.settings;

import java.util.Map;
import java.util.Objects;

/**
 * The settings the dialog edits, as plain values. The engine's settings DTO is adapted to and
 * from this record by a {@link SettingsGateway}.
 */
public record SettingsForm(String host, String defaultModel, int contextLength, double temperature, double topP,
                           Map<String, String> prompts, InstructionMode instructionMode, int stepLimit,
                           SandboxBackend sandboxBackend, int sandboxTimeoutSeconds, int sandboxMemoryMb,
                           boolean networkByDefault, String microsandboxUrl, String dataFolder, String theme,
                           Backend backend, String openaiBaseUrl, ApiKey apiKey, CallingMode callingMode,
                           int maxTokens, int maxCallsPerReply) {
    /** Where llama.cpp's server listens unless told otherwise. */
    public static final String DEFAULT_OPENAI_BASE_URL = "http://127.0.0.1:8080";
    /** The reply length limit and the calls run per reply on a fresh install. */
    public static final int DEFAULT_MAX_TOKENS = 4096;
    public static final int DEFAULT_MAX_CALLS_PER_REPLY = 16;

    public SettingsForm {
        prompts = Map.copyOf(prompts);
        backend = Objects.requireNonNullElse(backend, Backend.OLLAMA);
        apiKey = Objects.requireNonNullElse(apiKey, ApiKey.unchanged("", false));
        callingMode = Objects.requireNonNullElse(callingMode, CallingMode.PROMPT);
    }

    /** These settings with the reply caps of a fresh install. */
    public SettingsForm(String host, String defaultModel, int contextLength, double temperature, double topP,
                        Map<String, String> prompts, InstructionMode instructionMode, int stepLimit,
                        SandboxBackend sandboxBackend, int sandboxTimeoutSeconds, int sandboxMemoryMb,
                        boolean networkByDefault, String microsandboxUrl, String dataFolder, String theme,
                        Backend backend, String openaiBaseUrl, ApiKey apiKey, CallingMode callingMode) {
        this(host, defaultModel, contextLength, temperature, topP, prompts, instructionMode, stepLimit, sandboxBackend,
                sandboxTimeoutSeconds, sandboxMemoryMb, networkByDefault, microsandboxUrl, dataFolder, theme,
                backend, openaiBaseUrl, apiKey, callingMode, DEFAULT_MAX_TOKENS, DEFAULT_MAX_CALLS_PER_REPLY);
    }

    /** Settings for Ollama with functions offered in the prompt and no API key, as on a fresh install. */
    public SettingsForm(String host, String defaultModel, int contextLength, double temperature, double topP,
                        Map<String, String> prompts, InstructionMode instructionMode, int stepLimit,
                        SandboxBackend sandboxBackend, int sandboxTimeoutSeconds, int sandboxMemoryMb,
                        boolean networkByDefault, String microsandboxUrl, String dataFolder, String theme) {
        this(host, defaultModel, contextLength, temperature, topP, prompts, instructionMode, stepLimit, sandboxBackend,
                sandboxTimeoutSeconds, sandboxMemoryMb, networkByDefault, microsandboxUrl, dataFolder, theme,
                Backend.OLLAMA, DEFAULT_OPENAI_BASE_URL, ApiKey.unchanged("", false), CallingMode.PROMPT);
    }

    /** Where the instructions go: a system message, the first user message, or by model. */
    public enum InstructionMode { SYSTEM, FIRST_USER, AUTO }

    /** Which sandbox runs approved functions. */
    public enum SandboxBackend { LOCAL, MICROSANDBOX }

    /** Which kind of model server answers: Ollama, or an OpenAI-compatible one (llama.cpp, LM Studio, vLLM). */
    public enum Backend { OLLAMA, OPENAI }

    /**
     * How functions are offered to the model: described in the prompt and called in fenced blocks (any model),
     * through the server's tool calling, or tool calling when the model reports it and the prompt otherwise.
     */
    public enum CallingMode { PROMPT, NATIVE, AUTO }

    /**
     * The API key of the OpenAI-compatible server. The key itself is never part of the settings file: on load
     * this says only where keys are kept and whether one is stored; on save, {@code replacement} is a new key to
     * store (null keeps the stored one) and {@code forget} removes the stored key.
     */
    public record ApiKey(String location, boolean stored, String replacement, boolean forget) {
        public static ApiKey unchanged(String location, boolean stored) {
            return new ApiKey(location, stored, null, false);
        }

        public boolean changes() {
            return forget || replacement != null;
        }

        /** Never prints the key, so it cannot reach a log. */
        @Override
        public String toString() {
            return "ApiKey[location=" + location + ", stored=" + stored + ", replacement="
                    + (replacement == null ? "none" : "(hidden)") + ", forget=" + forget + "]";
        }
    }
}
