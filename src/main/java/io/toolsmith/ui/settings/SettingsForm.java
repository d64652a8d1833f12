package io.toolsmith.ui.settings;

import java.util.Map;

/**
 * The settings the dialog edits, as plain values. The engine's settings DTO is adapted to and
 * from this record by a {@link SettingsGateway}.
 */
public record SettingsForm(String host, String defaultModel, int contextLength, double temperature, double topP,
                           Map<String, String> prompts, InstructionMode instructionMode, int stepLimit,
                           SandboxBackend sandboxBackend, int sandboxTimeoutSeconds, int sandboxMemoryMb,
                           boolean networkByDefault, String microsandboxUrl, String dataFolder, String theme) {

    public SettingsForm {
        prompts = Map.copyOf(prompts);
    }

    /** Where the instructions go: a system message, the first user message, or by model. */
    public enum InstructionMode { SYSTEM, FIRST_USER, AUTO }

    /** Which sandbox runs approved functions. */
    public enum SandboxBackend { LOCAL, MICROSANDBOX }
}
