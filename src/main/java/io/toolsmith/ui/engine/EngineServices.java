package io.toolsmith.ui.engine;

import io.toolsmith.app.Engine;
import io.toolsmith.app.SandboxCheck;
import io.toolsmith.conversation.ChatSearch;
import io.toolsmith.conversation.ConversationStore;
import io.toolsmith.data.DataWatcher;
import io.toolsmith.functions.ActivityEntry;
import io.toolsmith.functions.ActivityLog;
import io.toolsmith.functions.LibraryWatcher;
import io.toolsmith.ui.data.ActivityFeed;
import io.toolsmith.ui.window.UiServices;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the window's seams over one engine and owns what they start (the turn threads, the data folder and functions
 * folder watchers, the runs of examples). Closing it stops those; the engine itself is closed by whoever opened it.
 */
public final class EngineServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineServices.class);
    private final EngineChat chat;
    private final EngineFunctions functions;
    private final UiServices services;
    private final DataWatcher watcher;
    /** Changes the window did not make (the command line, an edit by hand) reach the Functions tab and the runs. */
    private LibraryWatcher libraryWatcher;
    private final EngineDownloads downloads;
    private final ChatSearch chatSearch;

    public EngineServices(Engine engine, Consumer<String> linkOpener) {
        ChangeSignal functionsChanged = new ChangeSignal();
        ChangeSignal dataChanged = new ChangeSignal();
        ConversationStore store = engine.conversations();
        OpenConversations open = new OpenConversations(store);
        chat = new EngineChat(engine, open, functionsChanged::fire, dataChanged::fire);
        functions = new EngineFunctions(engine, functionsChanged);
        EngineData data = new EngineData(engine.dataFolder(), engine.snapshots(),
                engine.settings().maxPickleMb() * 1024L * 1024L, dataChanged, engine.activity());
        watcher = new DataWatcher(engine.dataFolder(), Duration.ofMillis(300));
        watcher.addListener(change -> dataChanged.fire());
        try {
            watcher.start();
        } catch (IOException e) {
            LOG.warn("The data folder {} cannot be watched ({}); the Data tab refreshes after each call only.",
                    engine.dataFolder(), e.getMessage());
        }
        try {
            libraryWatcher = LibraryWatcher.start(engine.home().functions(), functionsChanged::fire);
        } catch (IOException e) {
            LOG.warn("The functions folder {} cannot be watched ({}); the Functions tab sees changes made elsewhere "
                    + "only after one of its own.", engine.home().functions(), e.getMessage());
        }
        downloads = new EngineDownloads(engine::backend);
        Path cache = engine.home().root().resolve("cache");
        chatSearch = new ChatSearch(store.folder(), cache.resolve("chat-search"));
        services = new UiServices(chat, new EngineModels(engine::backend),
                new EngineConversations(open, engine.home().root().resolve("trash"), cache.resolve("images"),
                        chatSearch), functions, data,
                activityOf(engine.activity()), new EngineSettings(engine),
                () -> SandboxCheck.isolation(engine), linkOpener, engine.settings().defaultModel());
    }

    public UiServices services() {
        return services;
    }

    public EngineDownloads downloads() {
        return downloads;
    }

    /** The function catalog, for wiring "Ask for the spec" to the shown chat. */
    public EngineFunctions functions() {
        return functions;
    }

    @Override
    public void close() {
        chat.close();
        if (libraryWatcher != null) {
            libraryWatcher.close();
        }
        functions.close();
        chatSearch.close();
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("The data folder watcher did not close cleanly", e);
        }
    }

    /** The Activity tab reads the engine's log as it is; only the seam's shape differs. */
    private static ActivityFeed activityOf(ActivityLog log) {
        return new ActivityFeed() {
            @Override
            public List<ActivityEntry> recent(int limit) {
                return log.recent(limit);
            }

            @Override
            public Runnable onRecord(Runnable listener) {
                return log.onRecord(listener);
            }
        };
    }
}
