package io.toolsmith.llm;

import java.util.List;
import java.util.Locale;
import io.toolsmith.util.UserFacingException;

/**
 * Which model a chat talks to, the same for the window and the command line: the model asked for (the picker, or
 * {@code --model}), else the chat's own, else the settings' default when the server has it, else the first
 * installed model that can chat, else none, with the sentence that says what to do.
 */
public final class ModelChoice {
    private static final String COMPLETION = "completion";

    private ModelChoice() {
    }

    /**
     * The outcome of a choice.
     *
     * @param model  the model's name, or null when there is none to choose
     * @param reason when {@code model} is null, why and what to do; otherwise a note when the settings' default was
     *               passed over (it is not installed), else null
     */
    public record Choice(String model, String reason) {
        public boolean chosen() {
            return model != null;
        }
    }

    /**
     * The model a turn goes to. Only when neither {@code requested} nor {@code chatModel} names one are the server's
     * models listed.
     *
     * @throws UserFacingException when the server cannot be asked, or has no model that can chat
     */
    public static Choice forTurn(String requested, String chatModel, String defaultModel, ChatBackend backend)
            throws UserFacingException {
        if (named(requested)) {
            return new Choice(requested, null);
        }
        if (named(chatModel)) {
            return new Choice(chatModel, null);
        }
        Choice choice = choose(defaultModel, backend.listModels(), backend.noModelsHint());
        if (!choice.chosen()) {
            throw new UserFacingException(choice.reason());
        }
        return choice;
    }

    /**
     * Picks among the installed models: {@code preferred} (the settings' default, or the one picked last) when the
     * server has it, else the first that can chat. A server that lists nothing is taken at its word for the
     * preferred model: some OpenAI-compatible servers serve a model without listing it.
     *
     * @param noModels the sentence for a server without a model that can chat ({@link ChatBackend#noModelsHint()})
     */
    public static Choice choose(String preferred, List<ModelInfo> installed, String noModels) {
        if (named(preferred)) {
            if (installed.isEmpty()) {
                return new Choice(preferred, null);
            }
            for (ModelInfo model : installed) {
                if (sameModel(model.name(), preferred)) {
                    return new Choice(model.name(), null);
                }
            }
        }
        for (ModelInfo model : installed) {
            if (canChat(model)) {
                String note = named(preferred) ? "The default model " + preferred + " is not installed; using "
                        + model.name() + " instead." : null;
                return new Choice(model.name(), note);
            }
        }
        return new Choice(null, noModels);
    }

    /** A model the server does not describe may chat; one it describes must list completion (not only embedding). */
    public static boolean canChat(ModelInfo model) {
        return model.capabilities().isEmpty() || model.capabilities().contains(COMPLETION);
    }

    /** Ollama lists {@code name:latest} for a model pulled as {@code name}. */
    private static boolean sameModel(String installed, String wanted) {
        String a = installed.toLowerCase(Locale.ROOT);
        String b = wanted.toLowerCase(Locale.ROOT);
        return a.equals(b) || a.equals(b + ":latest") || b.equals(a + ":latest");
    }

    private static boolean named(String model) {
        return model != null && !model.isBlank();
    }
}
