package io.toolsmith.app;

import io.toolsmith.agent.CallRunner;
import io.toolsmith.agent.ConversationSaver;
import io.toolsmith.agent.TurnLoop;
import io.toolsmith.context.TokenEstimator;
import io.toolsmith.conversation.ConversationStore;
import io.toolsmith.conversation.Instructions;
import io.toolsmith.data.DataQuota;
import io.toolsmith.data.DataSnapshots;
import io.toolsmith.functions.ActivityLog;
import io.toolsmith.functions.FunctionLibrary;
import io.toolsmith.functions.PythonAnalyzer;
import io.toolsmith.llm.ChatBackend;
import io.toolsmith.llm.ChatOptions;
import io.toolsmith.llm.OllamaClient;
import io.toolsmith.llm.OllamaHost;
import io.toolsmith.llm.OpenAiCompatibleClient;
import io.toolsmith.sandbox.Sandbox;
import io.toolsmith.sandbox.SandboxSettings;
import io.toolsmith.sandbox.Sandboxes;
import io.toolsmith.settings.ApiKeyStore;
import io.toolsmith.settings.Home;
import io.toolsmith.settings.Settings;
import io.toolsmith.settings.SettingsStore;
import io.toolsmith.util.UserFacingException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The composition root of the engine: builds every service once from the home folder and the settings,
 * and hands them out. The window and the command line each own one. The sandbox starts on first use.
 */
public final class Engine implements AutoCloseable {
    private final Home home;
    private final Settings settings;
    private final ApiKeyStore apiKeys;
    private ChatBackend backend;
    private final FunctionLibrary library;
    private final ConversationStore conversations;
    private final DataSnapshots snapshots;
    private final ActivityLog activity;
    private final PythonAnalyzer analyzer = new PythonAnalyzer();
    /** Learns each model's token counts from the server's reports; shared so one turn's report corrects the next. */
    private final TokenEstimator tokenEstimator = new TokenEstimator();
    private Sandbox sandbox;
    private CallRunner runner;

    public Engine(Home home, Settings settings, String hostOverride) {
        this(home, settings, hostOverride, new ApiKeyStore(home));
    }

    /** With the given keeper of the OpenAI-compatible server's API key (the home's keyring or file otherwise). */
    public Engine(Home home, Settings settings, String hostOverride, ApiKeyStore apiKeys) {
        this.home = home;
        this.settings = settings;
        this.apiKeys = apiKeys;
        this.backend = createBackend(settings, hostOverride, apiKeys);
        this.library = new FunctionLibrary(home.functions(), analyzer);
        this.conversations = new ConversationStore(home.conversations());
        this.snapshots = new DataSnapshots(dataFolder(), home.snapshots(),
                DataQuota.ofMegabytes(settings.dataQuotaMb, settings.dataQuotaFiles));
        this.activity = new ActivityLog(home.activityLog());
    }

    public static Engine open(Home home, String hostOverride) {
        return new Engine(home, new SettingsStore(home.settingsFile()).load(), hostOverride);
    }

    static ChatBackend createBackend(Settings settings, String hostOverride, ApiKeyStore keys) {
        if ("openai".equals(settings.backend)) {
            // the key is looked up on the first request, off the window's thread (the keyring lookup runs a process)
            return OpenAiCompatibleClient.withKeyLookup(hostOverride != null ? hostOverride : settings.openaiBaseUrl,
                    () -> keys.load().orElse(null));
        }
        String option = hostOverride != null ? hostOverride : settings.ollamaHost;
        return new OllamaClient(OllamaHost.resolve(option, System.getenv("OLLAMA_HOST")));
    }

    public Path dataFolder() {
        return settings.dataFolder == null || settings.dataFolder.isBlank()
                ? home.data() : Path.of(settings.dataFolder);
    }

    public SandboxSettings sandboxSettings() {
        SandboxSettings defaults = SandboxSettings.defaults();
        return new SandboxSettings(settings.sandboxBackend, Duration.ofSeconds(settings.sandboxTimeoutSeconds),
                settings.sandboxMemoryMb * 1024L * 1024L, defaults.cpuSeconds(), defaults.maxFileBytes(),
                defaults.maxProcesses(), defaults.outputCapBytes(), defaults.python(), settings.microsandboxUrl);
    }

    /** The sandbox, started on first use (a cold start costs a worker process). */
    public synchronized Sandbox sandbox() throws UserFacingException {
        if (sandbox == null) {
            sandbox = Sandboxes.open(sandboxSettings(), dataFolder(), home.root().resolve("sandbox"));
        }
        return sandbox;
    }

    /** A turn loop that saves into the chats folder. */
    public TurnLoop turnLoop() throws UserFacingException {
        return turnLoop(conversations::save);
    }

    public synchronized TurnLoop turnLoop(ConversationSaver saver) throws UserFacingException {
        if (runner == null) {
            runner = new CallRunner(library, sandbox(), snapshots, activity);
        }
        ChatOptions options = new ChatOptions(settings.numCtx, settings.temperature, settings.topP, settings.seed,
                settings.keepAlive, settings.maxTokens);
        var turnSettings = new TurnLoop.TurnSettings(settings.stepLimit, settings.instructionMode, settings.callingMode, options,
                new Instructions(settings.functionCallingPrompt, settings.functionWritingPrompt), settings.maxCallsPerReply);
        return new TurnLoop(backend, library, runner, turnSettings, saver, tokenEstimator);
    }

    public Home home() {
        return home;
    }

    public Settings settings() {
        return settings;
    }

    public synchronized ChatBackend backend() {
        return backend;
    }

    /**
     * Points the engine at the model server named in the current settings (after the user changed it), so the
     * next model list and turn use it without a restart.
     */
    public synchronized void reconnect() {
        backend = createBackend(settings, null, apiKeys);
    }

    /** Where the OpenAI-compatible server's API key is kept; the key reaches the backend on (re)connect. */
    public ApiKeyStore apiKeys() {
        return apiKeys;
    }

    public FunctionLibrary library() {
        return library;
    }

    public ConversationStore conversations() {
        return conversations;
    }

    public DataSnapshots snapshots() {
        return snapshots;
    }

    public ActivityLog activity() {
        return activity;
    }

    @Override
    public synchronized void close() {
        analyzer.close();
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }
}
