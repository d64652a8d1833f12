package io.toolsmith.ui.chat;

import io.toolsmith.conversation.ChatPreset;
import java.util.Locale;

/**
 * Reads the chat options popover's fields into a {@link ChatPreset}: a named preset, "Default" (the settings'
 * options) or "Custom" with a temperature and a context size. Plain logic, so it is tested without a window.
 */
public final class ChatPresetForm {
    public static final String DEFAULT = "Default";
    /** Below this a request cannot hold Toolsmith's own instructions. */
    static final int SMALLEST_CONTEXT = 2048;
    static final int LARGEST_CONTEXT = 1_048_576;

    private ChatPresetForm() {
    }

    /** What the preset box shows for {@code preset}. */
    public static String choiceOf(ChatPreset preset) {
        if (preset.name() != null) {
            return preset.name();
        }
        return preset.temperature() == null && preset.contextSize() == null ? DEFAULT : ChatPreset.CUSTOM;
    }

    /**
     * The preset the fields describe.
     *
     * @param choice      "Default", one of {@link ChatPreset#NAMED}'s names, or "Custom"
     * @param temperature the custom temperature (blank: the settings'); used only for Custom
     * @param context     the custom context size in tokens (blank: automatic); used only for Custom
     * @throws IllegalArgumentException with the sentence to show when a custom field is not a usable number
     */
    public static ChatPreset parse(String choice, String temperature, String context, String systemPrompt) {
        ChatPreset base = new ChatPreset(null, null, null, systemPrompt);
        if (choice == null || DEFAULT.equals(choice)) {
            return base;
        }
        if (!ChatPreset.CUSTOM.equals(choice)) {
            ChatPreset named = base.withNamed(choice);
            if (named == null) {
                throw new IllegalArgumentException("There is no preset named " + choice + ".");
            }
            return named;
        }
        return new ChatPreset(ChatPreset.CUSTOM, temperature(temperature), context(context), systemPrompt);
    }

    private static Double temperature(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double value = Double.parseDouble(text.strip().replace(',', '.'));
            if (value >= 0 && value <= 2) {
                return value;
            }
        } catch (NumberFormatException e) {
            // the sentence below says what is expected
        }
        throw new IllegalArgumentException("The temperature must be a number from 0 to 2 (such as 0.7), or empty for"
                + " the one in Settings; \"" + text.strip() + "\" is not.");
    }

    private static Integer context(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            int value = Integer.parseInt(text.strip().replace(",", "").replace("_", ""));
            if (value >= SMALLEST_CONTEXT && value <= LARGEST_CONTEXT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // the sentence below says what is expected
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "The context size must be a whole number of"
                + " tokens from %,d to %,d, or empty to let Toolsmith choose; \"%s\" is not.", SMALLEST_CONTEXT,
                LARGEST_CONTEXT, text.strip()));
    }
}
