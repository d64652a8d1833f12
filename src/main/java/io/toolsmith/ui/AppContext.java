package io.toolsmith.ui;

import io.toolsmith.llm.ModelInfo;
import io.toolsmith.ui.chat.ChatView;
import io.toolsmith.ui.chat.ChatViewModel;
import io.toolsmith.ui.common.BackgroundExecutor;
import io.toolsmith.ui.common.PooledBackgroundExecutor;
import io.toolsmith.ui.common.Sentences;
import io.toolsmith.ui.common.UiExecutor;
import io.toolsmith.ui.data.DataViewModel;
import io.toolsmith.ui.functions.FunctionReviewViewModel;
import io.toolsmith.ui.markdown.LinkPolicy;
import io.toolsmith.ui.settings.SettingsDialog;
import io.toolsmith.ui.setup.ModelDownloads;
import io.toolsmith.ui.setup.ModelSetupDialog;
import io.toolsmith.ui.setup.ModelSetupViewModel;
import io.toolsmith.ui.window.ConnectionState;
import io.toolsmith.ui.settings.SettingsForm;
import io.toolsmith.ui.theme.AppTheme;
import io.toolsmith.ui.theme.ThemeManager;
import io.toolsmith.ui.window.Banner;
import io.toolsmith.ui.window.ChatSessions;
import io.toolsmith.ui.window.ConversationListViewModel;
import io.toolsmith.ui.window.MainWindow;
import io.toolsmith.ui.window.ModelPickerViewModel;
import io.toolsmith.ui.window.ProbeClock;
import io.toolsmith.ui.window.StatusBar;
import io.toolsmith.ui.window.TopBar;
import io.toolsmith.ui.window.UiServices;
import io.toolsmith.ui.window.WindowLayout;
import io.toolsmith.ui.window.WindowLayoutStore;
import io.toolsmith.ui.window.WindowPlacement;
import io.toolsmith.settings.Theme;
import javafx.beans.binding.Bindings;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * The window's composition root: receives the services, builds the executor, theme, view models
 * and views, and wires them. Nothing else creates services or looks them up. Created and used
 * on the FX thread; {@link #close} shuts the background executor down.
 */
public final class AppContext implements AutoCloseable {
    private final UiServices services;
    private final BackgroundExecutor background;
    private final ThemeManager themes;
    private final ModelPickerViewModel models;
    private final ConversationListViewModel conversations;
    private final FunctionReviewViewModel functions;
    private final DataViewModel data;
    private final ChatSessions sessions;
    private final MainWindow window;
    private final ModelDownloads downloads;
    private final WindowLayoutStore layouts;
    private Stage stage;
    private WindowPlacement placement;
    private boolean setupOffered;

    public AppContext(UiServices services, AppTheme theme) {
        this(services, theme, ModelDownloads.unsupported());
    }

    /** {@code downloads} lets the "no models" banner and the first run download a model. */
    public AppContext(UiServices services, AppTheme theme, ModelDownloads downloads) {
        this(services, theme, downloads, WindowLayoutStore.none(), ProbeClock.system());
    }

    /**
     * {@code layouts} keeps the window's size, place and side panel from one start to the next; {@code probeClock}
     * decides when the connection probe asks the server again (tests drive it by hand).
     */
    public AppContext(UiServices services, AppTheme theme, ModelDownloads downloads, WindowLayoutStore layouts,
                      ProbeClock probeClock) {
        this.services = services;
        this.downloads = downloads;
        this.layouts = layouts;
        UiExecutor ui = UiExecutor.fx();
        background = new PooledBackgroundExecutor("toolsmith-ui", 2, ui);
        themes = new ThemeManager(theme);
        models = new ModelPickerViewModel(services.models(), background, services.preferredModel(), probeClock);
        conversations = new ConversationListViewModel(services.conversations(), background);
        functions = new FunctionReviewViewModel(services.functions(), background, ui);
        data = new DataViewModel(services.data(), services.activity(), background, ui);
        sessions = new ChatSessions(services.chat(), services.conversations(), background, ui, this::bindToPicker);
        conversations.setEmptyNow(sessions::emptyNow);
        ChatView chatView = new ChatView(new LinkPolicy(services.linkOpener()), background);
        window = new MainWindow(new MainWindow.Parts(
                new TopBar(models, this::openSettings, this::toggleTheme), new Banner(models, this::openModelSetup),
                new StatusBar(services.sandbox(), background), conversations, chatView, functions, data,
                background, this::openSettings));
        models.stateProperty().addListener((obs, old, now) -> {
            // First run: no model yet, so offer the download once without being asked.
            if (now == ConnectionState.NO_MODELS && !setupOffered && window.getScene() != null) {
                openModelSetup();
            }
        });
        conversations.selectedProperty().addListener((obs, old, now) -> {
            if (now != null) {
                window.show(sessions.open(now.id()));
                // A chat listed for its messages opens at the first of them that has the searched text.
                String found = conversations.findWhenOpened(now);
                if (found != null) {
                    window.chatView().find(found);
                }
            }
        });
    }

    /**
     * Puts the window in a stage, starts loading, and shows it: at the size and place it had when it last closed
     * when that was kept (and is on a screen attached now), else {@code width}×{@code height} in the middle.
     */
    public Scene show(Stage stage, double width, double height) {
        WindowLayout kept = layouts.load();
        Scene scene = new Scene(window, width, height);
        themes.install(scene);
        window.installShortcuts(scene);
        window.applyLayout(kept);
        stage.setTitle("Toolsmith");
        stage.setScene(scene);
        this.stage = stage;
        placement = WindowPlacement.apply(stage, kept);
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, e -> saveLayout());
        start();
        stage.show();
        return scene;
    }

    /** Keeps the window's size, place and side panel for the next start. FX thread only. */
    public void saveLayout() {
        if (placement != null) {
            layouts.save(placement.layout(window));
        }
    }

    /** The top bar's Light/Dark button: switches at once and keeps the choice in the settings. */
    public void toggleTheme() {
        themes.toggle();
        Theme chosen = themes.theme() == AppTheme.DARK ? Theme.DARK : Theme.LIGHT;
        background.run(() -> {
            services.settings().saveTheme(chosen);
            return chosen;
        }, saved -> { }, error -> window.snackbar().show(Sentences.of(error), null, null));
    }

    /** Loads models, conversations, functions and data (each in the background). */
    public void start() {
        models.refresh();
        conversations.load();
        functions.reload();
        data.reload();
        data.reloadActivity();
    }

    public MainWindow window() {
        return window;
    }

    public ThemeManager themes() {
        return themes;
    }

    public ModelPickerViewModel models() {
        return models;
    }

    public ConversationListViewModel conversations() {
        return conversations;
    }

    public FunctionReviewViewModel functions() {
        return functions;
    }

    public DataViewModel data() {
        return data;
    }

    private void bindToPicker(ChatViewModel chat) {
        chat.setOnForked(conversations::opened);
        chat.useBackground(background);
        chat.setOnServerReached(models::reportTurn);
        chat.stateProperty().addListener((obs, old, now) -> {
            if (now == io.toolsmith.ui.chat.ChatState.IDLE) {
                conversations.refresh(chat.conversationId());
            }
        });
        chat.modelProperty().bind(Bindings.createStringBinding(
                () -> models.selectedProperty().get() == null ? null : models.selectedProperty().get().name(),
                models.selectedProperty()));
        chat.visionAvailableProperty().bind(Bindings.createBooleanBinding(() -> {
            ModelInfo m = models.selectedProperty().get();
            return m != null && m.has("vision");
        }, models.selectedProperty()));
    }

    /** The model download dialog (first run, and the "no models" banner). */
    public void openModelSetup() {
        setupOffered = true;
        ModelSetupViewModel setup = new ModelSetupViewModel(downloads, background, UiExecutor.fx(), models::refresh);
        ModelSetupDialog dialog = new ModelSetupDialog(window.getScene().getWindow(), setup);
        dialog.getDialogPane().getStylesheets().add(ThemeManager.APP_STYLESHEET);
        dialog.show();
    }

    /**
     * Puts {@code text} in the shown chat and sends it (e.g. "Write the function_spec for …"); when a reply
     * is still being written there, leaves it in the composer for the user to send. FX thread only.
     */
    public void sendInShownChat(String text) {
        ChatViewModel chat = window.chatView().chat();
        if (chat == null) {
            return;
        }
        chat.draftProperty().set(text);
        chat.send();
    }

    private void openSettings() {
        background.run(services.settings()::load, current -> {
            ModelInfo inUse = models.selectedProperty().get();
            SettingsDialog dialog = new SettingsDialog(window.getScene().getWindow(), current,
                    inUse == null ? null : inUse.name(), services.settings(), background, this::applySettings);
            dialog.getDialogPane().getStylesheets().add(ThemeManager.APP_STYLESHEET);
            dialog.show();
        }, error -> {
            Alert alert = new Alert(Alert.AlertType.ERROR, Sentences.of(error));
            alert.initOwner(window.getScene().getWindow());
            alert.show();
        });
    }

    private void applySettings(SettingsForm saved) {
        AppTheme theme = AppTheme.parse(saved.settings().theme().name().toLowerCase(java.util.Locale.ROOT), System.getenv());
        if (theme != null) {
            themes.setTheme(theme);
        }
        models.refresh();
    }

    @Override
    public void close() {
        saveLayout();
        models.close();
        functions.close();
        data.close();
        background.close();
    }
}
