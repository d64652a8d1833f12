package io.toolsmith.ui.settings;

import io.toolsmith.context.ContextWindow;
import java.net.URI;
import java.util.LinkedHashMap;
import io.toolsmith.settings.Backend;
import io.toolsmith.settings.CallingMode;
import io.toolsmith.settings.InstructionMode;
import io.toolsmith.settings.SandboxBackend;
import io.toolsmith.settings.Settings;
import io.toolsmith.settings.Theme;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * The settings being edited. Text fields are kept as text so anything can be typed; {@link #validate}
 * turns them into a {@link SettingsForm} or fills {@link #errors()} with one sentence per bad field
 * (keyed by field name). FX thread only.
 */
public final class SettingsViewModel {
    public final ObjectProperty<Backend> backend = new SimpleObjectProperty<>(Backend.OLLAMA);
    public final StringProperty host = new SimpleStringProperty("");
    public final StringProperty openaiBaseUrl = new SimpleStringProperty(Settings.DEFAULT_OPENAI_BASE_URL);
    /** A new API key as typed; empty leaves the stored key as it is. */
    public final StringProperty apiKey = new SimpleStringProperty("");
    /** Set by {@link #forgetApiKey()}: the stored key is removed on save. */
    public final BooleanProperty forgetStoredKey = new SimpleBooleanProperty();
    private final BooleanProperty apiKeyStored = new SimpleBooleanProperty();
    /** "Forget key" has something to do: a key is stored and not already marked to go. */
    private final BooleanBinding canForgetApiKey = apiKeyStored.and(forgetStoredKey.not());
    private final StringProperty apiKeyLocation = new SimpleStringProperty("");
    public final ObjectProperty<CallingMode> callingMode = new SimpleObjectProperty<>(CallingMode.PROMPT);
    public final StringProperty defaultModel = new SimpleStringProperty("");
    public final StringProperty contextLength = new SimpleStringProperty("");
    private final StringProperty loadedContextLength = new SimpleStringProperty("");
    /** What the context length means, and that a change reloads the model. */
    private final StringBinding contextLengthNote = Bindings.createStringBinding(
            () -> (automatic(contextLength.get()) ? "Automatic: the model's own length, at most "
                    + ContextWindow.AUTOMATIC_CAP + " tokens." : "Prompt and reply together.")
                    + (Objects.equals(strip(contextLength.get()), strip(loadedContextLength.get())) ? ""
                    : " Ollama reloads the model with the new size on the next message, which takes a moment."),
            contextLength, loadedContextLength);
    public final StringProperty temperature = new SimpleStringProperty("");
    public final StringProperty topP = new SimpleStringProperty("");
    public final ObservableMap<String, String> prompts = FXCollections.observableHashMap();
    public final ObjectProperty<InstructionMode> instructionMode = new SimpleObjectProperty<>(InstructionMode.AUTO);
    public final StringProperty stepLimit = new SimpleStringProperty("");
    public final StringProperty maxTokens = new SimpleStringProperty("");
    public final StringProperty maxCallsPerReply = new SimpleStringProperty("");
    public final ObjectProperty<SandboxBackend> sandboxBackend = new SimpleObjectProperty<>(SandboxBackend.LOCAL);
    public final StringProperty sandboxTimeout = new SimpleStringProperty("");
    public final StringProperty sandboxMemory = new SimpleStringProperty("");
    public final BooleanProperty networkByDefault = new SimpleBooleanProperty();
    public final BooleanProperty runExamplesOnChange = new SimpleBooleanProperty();
    public final StringProperty microsandboxUrl = new SimpleStringProperty("");
    public final StringProperty dataFolder = new SimpleStringProperty("");
    public final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.SYSTEM);
    /** The settings loaded, which the edits are applied to (so settings the dialog does not show are kept). */
    private Settings loaded = Settings.defaults();
    /** The model in use, shown as the default model when none is set; null when a default is set. */
    private String shownInUse;
    private final ObservableMap<String, String> errors = FXCollections.observableHashMap();
    private final StringBinding apiKeyStatus = Bindings.createStringBinding(this::describeApiKey,
            apiKey, forgetStoredKey, apiKeyStored, apiKeyLocation);

    public SettingsViewModel() {
        // Typing a new key undoes "Forget key": the new one replaces the stored one.
        apiKey.addListener((obs, old, now) -> {
            if (now != null && !now.isEmpty()) {
                forgetStoredKey.set(false);
            }
        });
    }

    public void load(SettingsForm form) {
        load(form, null);
    }

    /**
     * Loads the settings to edit. With no default model set, the field shows {@code modelInUse} (the model the
     * window uses now) rather than nothing; left as it is, no default is saved, so the choice stays automatic.
     */
    public void load(SettingsForm form, String modelInUse) {
        Settings s = form.settings();
        loaded = s;
        shownInUse = s.defaultModel() == null || s.defaultModel().isBlank() ? blankToNull(modelInUse) : null;
        backend.set(s.backend());
        host.set(form.host());
        openaiBaseUrl.set(s.openaiBaseUrl() == null ? Settings.DEFAULT_OPENAI_BASE_URL : s.openaiBaseUrl());
        apiKey.set("");
        forgetStoredKey.set(false);
        apiKeyStored.set(form.apiKey().stored());
        apiKeyLocation.set(form.apiKey().location() == null ? "" : form.apiKey().location());
        callingMode.set(s.callingMode());
        defaultModel.set(shownInUse != null ? shownInUse : s.defaultModel() == null ? "" : s.defaultModel());
        contextLength.set(s.numCtx() == null || s.numCtx() <= 0 ? "" : Integer.toString(s.numCtx()));
        loadedContextLength.set(contextLength.get());
        temperature.set(Double.toString(Objects.requireNonNullElse(s.temperature(), SettingsForm.DEFAULT_TEMPERATURE)));
        topP.set(Double.toString(Objects.requireNonNullElse(s.topP(), SettingsForm.DEFAULT_TOP_P)));
        prompts.clear();
        prompts.putAll(form.prompts());
        instructionMode.set(s.instructionMode());
        stepLimit.set(Integer.toString(s.stepLimit()));
        maxTokens.set(Integer.toString(s.maxTokens()));
        maxCallsPerReply.set(Integer.toString(s.maxCallsPerReply()));
        sandboxBackend.set(s.sandboxBackend());
        sandboxTimeout.set(Integer.toString(s.sandboxTimeoutSeconds()));
        sandboxMemory.set(Integer.toString(s.sandboxMemoryMb()));
        networkByDefault.set(s.sandboxNetworkDefault());
        runExamplesOnChange.set(s.runExamplesOnChange());
        microsandboxUrl.set(s.microsandboxUrl() == null ? "" : s.microsandboxUrl());
        dataFolder.set(form.dataFolder());
        theme.set(s.theme());
        errors.clear();
    }

    /** Whether the OpenAI-compatible server's fields apply (the Ollama address applies otherwise). */
    public boolean usesOpenAi() {
        return backend.get() == Backend.OPENAI;
    }

    /** Marks the stored API key to be removed when the settings are saved, and drops a key being typed. */
    public void forgetApiKey() {
        apiKey.set("");
        forgetStoredKey.set(true);
    }

    public BooleanBinding canForgetApiKey() {
        return canForgetApiKey;
    }

    /** A sentence on the API key: whether one is stored, what saving will do, and where keys are kept. */
    public StringBinding apiKeyStatus() {
        return apiKeyStatus;
    }

    private String describeApiKey() {
        String where = apiKeyLocation.get() == null || apiKeyLocation.get().isBlank() ? "" : " in " + apiKeyLocation.get();
        if (forgetStoredKey.get()) {
            return "The stored key will be forgotten when you press OK.";
        }
        if (apiKey.get() != null && !apiKey.get().isEmpty()) {
            return "The new key will be kept" + where + ", never in settings.json.";
        }
        if (apiKeyStored.get()) {
            return "A key is stored" + where + "; leave the field empty to keep it.";
        }
        return "No key is stored. Most local servers need none; a key you enter is kept" + where
                + ", never in settings.json.";
    }

    /** Field name → sentence for each field that is not valid. */
    public ObservableMap<String, String> errors() {
        return errors;
    }

    /** The edited settings, or empty with {@link #errors()} saying what to fix. */
    public Optional<SettingsForm> validate() {
        Map<String, String> found = new LinkedHashMap<>();
        if (!usesOpenAi() && !isWebUrl(host.get())) {
            found.put("host", "Enter the Ollama address as a web address, for example http://127.0.0.1:11434.");
        }
        if (usesOpenAi() && !isWebUrl(openaiBaseUrl.get())) {
            found.put("openaiBaseUrl", "Enter the server's address as a web address, for example http://127.0.0.1:8080.");
        }
        String newKey = apiKey.get() == null ? "" : apiKey.get().strip();
        if (!newKey.isEmpty() && !newKey.matches("\\p{Graph}+")) {
            found.put("apiKey", "An API key is one word without spaces; paste it again or leave the field empty.");
        }
        // Empty (or 0) is automatic: the model's own length, capped so the window fits in memory.
        int ctx = automatic(contextLength.get()) ? 0
                : integer("contextLength", contextLength.get(), 512, 1_048_576, "Context length", found);
        double temp = decimal("temperature", temperature.get(), 0, 2, "Temperature", found);
        double p = decimal("topP", topP.get(), 0.01, 1, "Top-p", found);
        int steps = integer("stepLimit", stepLimit.get(), 1, 50, "The step limit", found);
        int replyTokens = integer("maxTokens", maxTokens.get(), 16, 1_048_576, "The reply length limit (tokens)", found);
        int callsPerReply = integer("maxCallsPerReply", maxCallsPerReply.get(), 1, 256, "The calls per reply", found);
        int timeout = integer("sandboxTimeout", sandboxTimeout.get(), 1, 3600, "The timeout (seconds)", found);
        int memory = integer("sandboxMemory", sandboxMemory.get(), 64, 65_536, "The memory limit (MB)", found);
        if (sandboxBackend.get() == SandboxBackend.MICROSANDBOX && !isWebUrl(microsandboxUrl.get())) {
            found.put("microsandboxUrl", "Enter the microsandbox server's address, for example http://127.0.0.1:5555.");
        }
        if (dataFolder.get() == null || dataFolder.get().isBlank()) {
            found.put("dataFolder", "Choose a folder for the functions' data.");
        }
        for (Map.Entry<String, String> e : prompts.entrySet()) {
            if (e.getValue() == null || e.getValue().isBlank()) {
                found.put("prompt:" + e.getKey(), "The prompt “" + e.getKey() + "” is empty; write one or press Reset.");
            }
        }
        errors.clear();
        errors.putAll(found);
        if (!found.isEmpty()) {
            return Optional.empty();
        }
        var key = new SettingsForm.ApiKey(apiKeyLocation.get(), apiKeyStored.get(),
                newKey.isEmpty() ? null : newKey, forgetStoredKey.get() && newKey.isEmpty());
        String ollama = host.get() == null ? "" : host.get().strip();
        String openAi = openaiBaseUrl.get() == null ? "" : openaiBaseUrl.get().strip();
        Settings edited = loaded.withBackend(backend.get()).withOpenaiBaseUrl(openAi)
                .withDefaultModel(chosenDefaultModel()).withNumCtx(ctx == 0 ? null : ctx)
                .withTemperature(unlessShownDefault(temp, loaded.temperature(), SettingsForm.DEFAULT_TEMPERATURE))
                .withTopP(unlessShownDefault(p, loaded.topP(), SettingsForm.DEFAULT_TOP_P))
                .withInstructionMode(instructionMode.get()).withCallingMode(callingMode.get()).withStepLimit(steps)
                .withMaxTokens(replyTokens).withMaxCallsPerReply(callsPerReply).withSandboxBackend(sandboxBackend.get())
                .withSandboxTimeoutSeconds(timeout).withSandboxMemoryMb(memory)
                .withSandboxNetworkDefault(networkByDefault.get()).withMicrosandboxUrl(blankToNull(microsandboxUrl.get()))
                .withRunExamplesOnChange(runExamplesOnChange.get())
                .withTheme(theme.get());
        return Optional.of(new SettingsForm(edited, ollama, Map.copyOf(prompts), dataFolder.get().strip(), key));
    }

    /** The default model typed, or none when the field still shows the model in use and none was set. */
    private String chosenDefaultModel() {
        String typed = blankToNull(defaultModel.get());
        return typed != null && typed.equals(shownInUse) ? null : typed;
    }

    /** A sentence under the default model: that the model shown is the one in use when no default is set. */
    public StringBinding defaultModelNote() {
        return Bindings.createStringBinding(() -> shownInUse != null && shownInUse.equals(blankToNull(defaultModel.get()))
                ? "No default is set: this is the model in use now. Type another name to make it the default."
                : "", defaultModel);
    }

    /**
     * No value when none was set and the field still shows the default it was filled with, so OK does not pin a value
     * the user never chose (and does not overwrite one set meanwhile from the command line).
     */
    private static Double unlessShownDefault(double value, Double loaded, double shown) {
        return loaded == null && value == shown ? null : value;
    }

    private static boolean isWebUrl(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        try {
            URI uri = URI.create(text.strip());
            return uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public StringBinding contextLengthNote() {
        return contextLengthNote;
    }

    private static boolean automatic(String text) {
        String t = strip(text);
        return t.isEmpty() || t.equals("0");
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
    }

    private static int integer(String field, String text, int min, int max, String what, Map<String, String> found) {
        try {
            int v = Integer.parseInt(text.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        found.put(field, what + " must be a whole number from " + min + " to " + max + ".");
        return min;
    }

    private static double decimal(String field, String text, double min, double max, String what,
                                  Map<String, String> found) {
        try {
            double v = Double.parseDouble(text.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        found.put(field, what + " must be a number from " + min + " to " + max + ".");
        return min;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
