package io.toolsmith.ui.fakes;

import io.toolsmith.sandbox.Isolation;
import io.toolsmith.ui.data.ActivityFeed;
import io.toolsmith.ui.window.UiServices;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The window's services, all fakes, for the TestFX tests. */
public final class FakeServices {
    public final FakeChatEngine chat = new FakeChatEngine();
    public final FakeModelCatalog models = new FakeModelCatalog();
    public final FakeConversationStore conversations = new FakeConversationStore();
    public final FakeFunctionCatalog functions = new FakeFunctionCatalog();
    public final FakeDataBrowser data = new FakeDataBrowser();
    public final FakeSettingsGateway settings = new FakeSettingsGateway();
    public final List<String> openedLinks = new CopyOnWriteArrayList<>();
    public final ActivityFeed activity = ActivityFeed.EMPTY;

    public UiServices services() {
        return new UiServices(chat, models, conversations, functions, data, activity, settings,
                () -> new Isolation("local python", "none", false, null), openedLinks::add, "gemma3:12b");
    }
}
