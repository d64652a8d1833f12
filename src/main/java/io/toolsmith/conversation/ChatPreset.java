package io.toolsmith.conversation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Locale;

/**
 * A chat's own model options: an optional system prompt, added after Toolsmith's instructions (never instead of
 * them), and a sampling preset. {@code temperature} and {@code contextSize} are null where the settings decide.
 * Stored in the chat file; a chat file without one reads as {@link #NONE}.
 *
 * @param name "Precise", "Balanced", "Creative" or "Custom"; null or blank for the settings' own options
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatPreset(String name, Double temperature, Integer contextSize, String systemPrompt) {
    public static final String CUSTOM = "Custom";
    /** No options of the chat's own: the settings decide everything. */
    public static final ChatPreset NONE = new ChatPreset(null, null, null, null);
    /** The named presets, in the order the chat header offers them. */
    public static final List<ChatPreset> NAMED = List.of(
            new ChatPreset("Precise", 0.2, null, null),
            new ChatPreset("Balanced", 0.7, null, null),
            new ChatPreset("Creative", 1.1, null, null));

    public ChatPreset {
        name = blankToNull(name);
        systemPrompt = blankToNull(systemPrompt);
    }

    /** The named preset {@code name} (any case) keeping this chat's system prompt; null for an unknown name. */
    public ChatPreset withNamed(String presetName) {
        for (ChatPreset named : NAMED) {
            if (named.name().toLowerCase(Locale.ROOT).equals(presetName == null ? "" : presetName.toLowerCase(Locale.ROOT))) {
                return new ChatPreset(named.name(), named.temperature(), named.contextSize(), systemPrompt);
            }
        }
        return null;
    }

    public ChatPreset withSystemPrompt(String prompt) {
        return new ChatPreset(name, temperature, contextSize, prompt);
    }

    /** True when the chat has nothing of its own. */
    public boolean isNone() {
        return name == null && temperature == null && contextSize == null && systemPrompt == null;
    }

    /** "Balanced", "Custom · 0.4 · 8,192 tokens", or "Default options": what the chat header shows. */
    public String label() {
        if (name == null && temperature == null && contextSize == null) {
            return "Default options";
        }
        if (!CUSTOM.equals(name) && name != null) {
            return name;
        }
        StringBuilder text = new StringBuilder(CUSTOM);
        if (temperature != null) {
            text.append(String.format(Locale.ROOT, " · temperature %.2f", temperature).replaceAll("0+$", "")
                    .replaceAll("\\.$", ""));
        }
        if (contextSize != null) {
            text.append(String.format(Locale.ROOT, " · %,d tokens", contextSize));
        }
        return text.toString();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
