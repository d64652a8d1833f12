package io.toolsmith.ui.fakes;

import io.toolsmith.functions.ActivityLog;
import io.toolsmith.sandbox.Isolation;
import io.toolsmith.ui.window.UiServices;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
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
    /**
     * The real activity log, over a file in a folder that does not exist: it reads as empty, and nothing here
     * records a call.
     */
    public final ActivityLog activity = new ActivityLog(Path.of(System.getProperty("java.io.tmpdir"),
            "toolsmith-fake-" + UUID.randomUUID(), "activity.jsonl"));

    public UiServices services() {
        return new UiServices(chat, models, conversations, functions, data, activity, settings,
                () -> new Isolation("local python", "none", false, null), openedLinks::add, "gemma3:12b");
    }
}
