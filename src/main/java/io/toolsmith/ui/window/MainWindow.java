package io.toolsmith.ui.window;

import io.toolsmith.ui.chat.ChatView;
import io.toolsmith.ui.chat.ChatViewModel;
import io.toolsmith.ui.chat.ReviewFunctionEvent;
import io.toolsmith.ui.code.AddToLibraryEvent;
import io.toolsmith.ui.common.Badge;
import io.toolsmith.ui.data.ActivityPanel;
import io.toolsmith.ui.data.DataPanel;
import io.toolsmith.ui.data.DataViewModel;
import io.toolsmith.ui.functions.FunctionReviewPanel;
import io.toolsmith.ui.functions.FunctionReviewViewModel;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The main window's layout: top bar and banner, conversations | chat | side panel (Functions,
 * Data, Activity), status bar, and the snackbar on top. Built by the composition root with its
 * parts; holds no state of its own beyond which chat is shown. FX thread only.
 */
public final class MainWindow extends StackPane {
    private final ChatView chatView;
    private final ConversationListPane conversations;
    private final StatusBar statusBar;
    private final TabPane sidePanel = new TabPane();
    private final Runnable onSettings;
    private final ConversationListViewModel conversationModel;
    private final Snackbar snackbar = new Snackbar();

    public MainWindow(Parts parts) {
        this.chatView = parts.chatView();
        this.conversationModel = parts.conversations();
        this.onSettings = parts.onSettings();
        this.statusBar = parts.statusBar();
        conversations = new ConversationListPane(parts.conversations(), snackbar);

        Tab functions = new Tab("Functions", new FunctionReviewPanel(parts.functions(), parts.highlightPool(),
                snackbar::show));
        functions.setId("functions-tab");
        Badge pending = new Badge("", "accent");
        pending.setId("functions-pending-badge");
        pending.textProperty().bind(parts.functions().awaitingReviewCount().asString());
        pending.visibleProperty().bind(parts.functions().awaitingReviewCount().greaterThan(0));
        // the tab's title and badge as one graphic, so the badge sits after the title
        functions.setText(null);
        functions.setGraphic(new javafx.scene.layout.HBox(6, new javafx.scene.control.Label("Functions"), pending));
        Tab data = new Tab("Data", new DataPanel(parts.data()));
        data.setId("data-tab");
        Tab activity = new Tab("Activity", new ActivityPanel(parts.data()));
        activity.setId("activity-tab");
        sidePanel.getTabs().addAll(functions, data, activity);
        sidePanel.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        sidePanel.setId("side-panel");

        SplitPane split = new SplitPane(conversations, chatView, sidePanel);
        split.setDividerPositions(0.18, 0.62);
        SplitPane.setResizableWithParent(conversations, false);
        BorderPane layout = new BorderPane(split);
        layout.setTop(new VBox(parts.topBar(), parts.banner()));
        layout.setBottom(statusBar);
        StackPane.setAlignment(snackbar, Pos.BOTTOM_CENTER);
        StackPane.setMargin(snackbar, new javafx.geometry.Insets(0, 0, 40, 0));
        getChildren().addAll(layout, snackbar);
        // "Add to library" on a code block in the chat bubbles up to here, where the library is.
        addEventHandler(AddToLibraryEvent.ADD, e -> {
            e.consume();
            parts.functions().addToLibrary(e.code(), sentence -> snackbar.show(sentence, null, null));
        });
        // A call card's Review shows the called function in the Functions tab.
        addEventHandler(ReviewFunctionEvent.REVIEW, e -> {
            e.consume();
            sidePanel.getSelectionModel().select(functions);
            parts.functions().select(e.function(), () -> snackbar.show("The library has no function named "
                    + e.function() + " any more.", null, null));
        });
        setId("main-window");
    }

    public ChatView chatView() {
        return chatView;
    }

    /** The short notice at the bottom, also used for failures nothing else reported. */
    public Snackbar snackbar() {
        return snackbar;
    }

    public TabPane sidePanel() {
        return sidePanel;
    }

    /** Shows a chat and ties the status bar's speed and context meter to it. */
    public void show(ChatViewModel chat) {
        chatView.show(chat);
        statusBar.tokensPerSecondProperty().bind(chat.lastTokensPerSecondProperty());
        statusBar.contextUsedProperty().bind(chat.contextUsedProperty());
    }

    /** Ctrl+N new chat, Ctrl+Enter send, Ctrl+, settings, Ctrl+F find in chat. */
    public void installShortcuts(Scene scene) {
        var accelerators = scene.getAccelerators();
        accelerators.put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), conversationModel::newChat);
        accelerators.put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), () -> {
            if (chatView.chat() != null) {
                chatView.chat().send();
            }
        });
        accelerators.put(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN), onSettings);
        accelerators.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> chatView.showFind(true));
        accelerators.put(new KeyCodeCombination(KeyCode.F2), conversations::renameSelected);
    }

    /** What the composition root hands the window. */
    public record Parts(TopBar topBar, Banner banner, StatusBar statusBar, ConversationListViewModel conversations,
                        ChatView chatView, FunctionReviewViewModel functions, DataViewModel data,
                        java.util.concurrent.Executor highlightPool, Runnable onSettings) {
    }
}
