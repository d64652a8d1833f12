package io.toolsmith.ui.window;

import io.toolsmith.ui.chat.ChatEngine;
import io.toolsmith.ui.data.ActivityLog;
import io.toolsmith.ui.data.DataBrowser;
import io.toolsmith.ui.functions.FunctionCatalog;
import io.toolsmith.ui.settings.SettingsGateway;
import java.util.function.Consumer;

/**
 * Everything the window needs from the engine, as the ui package's own seams. The application
 * builds adapters over the engine and passes them here; tests and the UI benchmark pass their
 * own implementations. {@code linkOpener} is {@code HostServices::showDocument} in the app.
 */
public record UiServices(ChatEngine chat, ModelCatalog models, ConversationStore conversations,
                         FunctionCatalog functions, DataBrowser data, ActivityLog activity,
                         SettingsGateway settings, SandboxInfo sandbox, Consumer<String> linkOpener,
                         String preferredModel) {
}
