package io.toolsmith.app;

import io.toolsmith.agent.CallRunner;
import io.toolsmith.agent.TurnLoop;
import io.toolsmith.context.TokenEstimator;
import io.toolsmith.conversation.ConversationSaver;
import io.toolsmith.conversation.ConversationStore;
import io.toolsmith.data.DataQuota;
import io.toolsmith.data.DataSnapshots;
import io.toolsmith.functions.ActivityLog;
import io.toolsmith.functions.FunctionLibrary;
import io.toolsmith.functions.PythonAnalyzer;
import io.toolsmith.llm.ChatBackend;
import io.toolsmith.llm.OllamaClient;
import io.toolsmith.llm.OllamaHost;
import io.toolsmith.llm.OpenAiCompatibleClient;
import io.toolsmith.sandbox.Sandbox;
import io.toolsmith.sandbox.SandboxException;
import io.toolsmith.sandbox.SandboxSettings;
import io.toolsmith.sandbox.Sandboxes;
import io.toolsmith.settings.ApiKeyStore;
import io.toolsmith.settings.Home;
import io.toolsmith.settings.Settings;
import io.toolsmith.settings.SettingsStore;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The composition root of the engine: builds every service once from the home folder and the settings,
 * and hands them out. The window and the command line each own one. The sandbox starts on first use.
 */
public final class Engine implements AutoCloseable {
    private final Home home;
    private final SettingsStore settings;
    /** The settings the engine started with: the data folder, its quota and the sandbox apply at the next start. */
    private final Settings startup;
    private final ApiKeyStore apiKeys;
    private ChatBackend backend;
    private final FunctionLibrary library;
    private final ConversationStore conversations;
    private final DataSnapshots snapshots;
    private final ActivityLog activity;
    private final PythonAnalyzer analyzer = new PythonAnalyzer();
    /** Learns each model's token counts from the server's reports; shared so one turn's report corrects the next. */
    private final TokenEstimator tokenEstimator = new TokenEstimator();
    /**
     * Guards {@link #sandbox} and {@link #closed}, not the engine's monitor: a worker's start can take seconds, and
     * a turn that begins meanwhile (the window's first message while its status bar starts the sandbox) need not
     * wait for it unless it calls a function.
     */
    private final Object sandboxLock = new Object();
    private Sandbox sandbox;
    private boolean closed;
    private CallRunner runner;

    public Engine(Home home, SettingsStore settings, String hostOverride) {
        this(home, settings, hostOverride, new ApiKeyStore(home));
    }

    /** With the given keeper of the OpenAI-compatible server's API key (the home's keyring or file otherwise). */
    public Engine(Home home, SettingsStore settings, String hostOverride, ApiKeyStore apiKeys) {
        this.home = home;
        this.settings = settings;
        this.startup = settings.current();
        this.apiKeys = apiKeys;
        this.backend = createBackend(startup, hostOverride, apiKeys);
        this.library = new FunctionLibrary(home.functions(), analyzer);
        this.conversations = new ConversationStore(home.conversations(), home.chatIndex());
        this.snapshots = new DataSnapshots(dataFolder(), home.snapshots(),
                DataQuota.ofMegabytes(startup.dataQuotaMb(), startup.dataQuotaFiles()));
        this.activity = new ActivityLog(home.activityLog());
    }

    public static Engine open(Home home, String hostOverride) {
        return new Engine(home, new SettingsStore(home.settingsFile()), hostOverride);
    }

    static ChatBackend createBackend(Settings settings, String hostOverride, ApiKeyStore keys) {
        return switch (settings.backend()) {
            // the key is looked up on the first request, off the window's thread (the keyring lookup runs a process)
            case OPENAI -> OpenAiCompatibleClient.withKeyLookup(
                    hostOverride != null ? hostOverride : settings.openaiBaseUrl(), () -> keys.load().orElse(null));
            case OLLAMA -> new OllamaClient(OllamaHost.resolve(hostOverride != null ? hostOverride : settings.ollamaHost(),
                    System.getenv("OLLAMA_HOST")));
        };
    }

    public Path dataFolder() {
        return startup.dataFolder() == null || startup.dataFolder().isBlank()
                ? home.data() : Path.of(startup.dataFolder());
    }

    public SandboxSettings sandboxSettings() {
        SandboxSettings defaults = SandboxSettings.defaults();
        return new SandboxSettings(startup.sandboxBackend().wire(), Duration.ofSeconds(startup.sandboxTimeoutSeconds()),
                startup.sandboxMemoryMb() * 1024L * 1024L, defaults.cpuSeconds(), defaults.maxFileBytes(),
                defaults.maxProcesses(), defaults.outputCapBytes(), defaults.python(), startup.microsandboxUrl());
    }

    /** The sandbox, started on first use (a cold start costs a worker process); refused once the engine is closed. */
    public Sandbox sandbox() throws SandboxException {
        synchronized (sandboxLock) {
            if (closed) {
                // a turn still finishing as the app closes: its call is refused, no worker starts that nobody stops
                throw new SandboxException("Toolsmith is closing, so the function was not run.");
            }
            if (sandbox == null) {
                sandbox = Sandboxes.open(sandboxSettings(), dataFolder(), home.root().resolve("sandbox"));
            }
            return sandbox;
        }
    }

    /** A turn loop that saves into the chats folder, with the settings as they are now. */
    public TurnLoop turnLoop() {
        return turnLoop(settings.current(), conversations::save);
    }

    /**
     * A turn loop for one turn, fixed to {@code snapshot}: a settings change while the turn runs applies to the next
     * turn, never to half of this one.
     */
    public synchronized TurnLoop turnLoop(Settings snapshot, ConversationSaver saver) {
        return new TurnLoop(backend, library, callRunner(), TurnLoop.TurnSettings.of(snapshot), saver, tokenEstimator);
    }

    /**
     * The runner every call goes through, the chat's and an MCP client's alike; the sandbox starts at its first call
     * (the window's status bar and the chat command start it earlier, on purpose: see {@link SandboxCheck}).
     */
    public synchronized CallRunner callRunner() {
        if (runner == null) {
            runner = new CallRunner(library, this::sandbox, snapshots, activity);
        }
        return runner;
    }

    public Home home() {
        return home;
    }

    /** The current settings, a snapshot; take it once and keep it for everything one action does. */
    public Settings settings() {
        return settings.current();
    }

    /** The owner of the settings, for changing them. */
    public SettingsStore settingsStore() {
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
        backend = createBackend(settings.current(), null, apiKeys);
    }

    /** Where the OpenAI-compatible server's API key is kept; the key reaches the backend on (re)connect. */
    public ApiKeyStore apiKeys() {
        return apiKeys;
    }

    /** The checks made without running code (also what derives specs for imported files). */
    public PythonAnalyzer analyzer() {
        return analyzer;
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
    public void close() {
        synchronized (this) {
            analyzer.close();
        }
        synchronized (sandboxLock) {
            closed = true;
            if (sandbox != null) {
                sandbox.close();
                sandbox = null;
            }
        }
    }
}
