package io.toolsmith.ui.window;

import io.toolsmith.ui.chat.ChatEngine;
import io.toolsmith.ui.data.ActivityFeed;
import io.toolsmith.ui.data.DataBrowser;
import io.toolsmith.ui.functions.FunctionCatalog;
import io.toolsmith.ui.settings.SettingsGateway;
import java.util.function.Consumer;

/**
 * Everything the window needs from the engine. The seams (chat, models, functions…) speak the engine's own
 * types; the application builds them over the engine, tests and the UI benchmark pass their own implementations.
 * {@code activity} reads the engine's log. {@code linkOpener} is {@code HostServices::showDocument} in the app.
 */
public record UiServices(ChatEngine chat, ModelCatalog models, ConversationCatalog conversations,
                         FunctionCatalog functions, DataBrowser data, ActivityFeed activity,
                         SettingsGateway settings, SandboxInfo sandbox, Consumer<String> linkOpener,
                         String preferredModel) {
}
