package io.toolsmith.ui.window;

import io.toolsmith.ui.chat.ChatView;
import io.toolsmith.ui.chat.ChatViewModel;
import io.toolsmith.ui.chat.ReviewFunctionEvent;
import io.toolsmith.ui.code.AddToLibraryEvent;
import io.toolsmith.ui.common.Badge;
import io.toolsmith.ui.common.MadeWhenNeeded;
import io.toolsmith.ui.common.Tooltips;
import io.toolsmith.ui.data.ActivityPanel;
import io.toolsmith.ui.data.DataPanel;
import io.toolsmith.ui.data.DataViewModel;
import io.toolsmith.ui.functions.FunctionReviewPanel;
import io.toolsmith.ui.functions.FunctionReviewViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The main window's layout: top bar and banner, conversations | chat | side panel (Functions,
 * Data, Activity), status bar, and the snackbar on top. Below {@link #NARROW_WIDTH} the side panel
 * hides by itself and Ctrl+B shows it over the chat. Built by the composition root with its parts;
 * holds no state of its own beyond which chat is shown and where the side panel is. FX thread only.
 */
public final class MainWindow extends StackPane {
    private final ChatView chatView;
    private final ConversationListPane conversations;
    private final StatusBar statusBar;
    private final TabPane sidePanel = new TabPane();
    private final Runnable onSettings;
    private final ConversationListViewModel conversationModel;
    private final Snackbar snackbar = new Snackbar();
    /** The chat keeps at least this width; the side panel gives way first, and can be closed (Ctrl+B). */
    static final double CHAT_MIN_WIDTH = 420;
    private static final double SIDE_PANEL_MIN_WIDTH = 260;
    private static final double[] DEFAULT_DIVIDERS = {0.18, 0.62};
    /**
     * Below this width the side panel leaves the chat its room by itself (at 1024 px beside it the chat would be a
     * column); Ctrl+B then shows it over the chat, and a wider window puts it back as the user left it.
     */
    static final double NARROW_WIDTH = 1100;
    private static final double OVERLAY_WIDTH = 400;
    private final SplitPane split;
    /** The user's choice (Ctrl+B at a wide size), kept in window.json; a narrow window does not change it. */
    private final BooleanProperty sidePanelShown = new SimpleBooleanProperty(this, "sidePanelShown", true);
    private final BooleanProperty narrow = new SimpleBooleanProperty(this, "narrow", false);
    /** Shown over the chat while the window is narrow; closed again when it widens. */
    private final BooleanProperty overlayShown = new SimpleBooleanProperty(this, "overlayShown", false);
    private final ReadOnlyBooleanWrapper sidePanelVisible = new ReadOnlyBooleanWrapper(this, "sidePanelVisible", true);
    private final StackPane overlay = new StackPane();
    /** Where the divider before the side panel was when it was closed, to open it there again. */
    private double sideDivider = DEFAULT_DIVIDERS[1];

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
        Tab data = madeWhenFirstSelected("Data", () -> new DataPanel(parts.data()));
        data.setId("data-tab");
        Tab activity = madeWhenFirstSelected("Activity", () -> new ActivityPanel(parts.data(),
                () -> sidePanel.getSelectionModel().select(data)));
        activity.setId("activity-tab");
        sidePanel.getTabs().addAll(functions, data, activity);
        sidePanel.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        sidePanel.setId("side-panel");

        split = new SplitPane(conversations, chatView, sidePanel);
        split.setId("main-split");
        split.setDividerPositions(DEFAULT_DIVIDERS);
        SplitPane.setResizableWithParent(conversations, false);
        // Without these the Functions panel's preferred width squeezed the chat to a strip in a small window.
        chatView.setMinWidth(CHAT_MIN_WIDTH);
        // An empty chat says what Toolsmith does and offers examples that fill the composer.
        StackPane guide = new StackPane(new EmptyChatGuide(this::fillComposer));
        guide.setPadding(new javafx.geometry.Insets(24));
        // The list keeps its placeholder among its children even when hidden: a wide one would widen the chat.
        guide.setMinSize(0, 0);
        chatView.list().setPlaceholder(guide);
        sidePanel.setMinWidth(SIDE_PANEL_MIN_WIDTH);
        overlay.setId("side-panel-overlay");
        overlay.getStyleClass().add("side-panel-overlay");
        overlay.setMaxWidth(OVERLAY_WIDTH);
        overlay.setPrefWidth(OVERLAY_WIDTH);
        overlay.setVisible(false);
        overlay.setManaged(false);
        overlay.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                overlayShown.set(false);
                e.consume();
            }
        });
        StackPane.setAlignment(overlay, Pos.CENTER_RIGHT);
        StackPane center = new StackPane(split, overlay);
        // The scene's width is the window's as soon as it is set; the layout's follows at the next pulse.
        javafx.beans.InvalidationListener measure = o -> measureWidth();
        widthProperty().addListener(measure);
        sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.widthProperty().removeListener(measure);
            }
            if (scene != null) {
                scene.widthProperty().addListener(measure);
            }
            measureWidth();
        });
        narrow.addListener((obs, was, now) -> {
            if (!now) {
                overlayShown.set(false);
            }
            placeSidePanel();
        });
        sidePanelShown.addListener((obs, old, shown) -> placeSidePanel());
        overlayShown.addListener((obs, old, shown) -> placeSidePanel());
        ToggleButton sideToggle = new ToggleButton("Side panel");
        sideToggle.setId("side-panel-toggle");
        sideToggle.getStyleClass().add("flat");
        Tooltips.set(sideToggle, "Show or hide Functions, Data and Activity (Ctrl+B)");
        sideToggle.setSelected(true);
        // The button follows what is shown; pressing it does what Ctrl+B does (over the chat while narrow).
        sideToggle.setOnAction(e -> {
            toggleSidePanel();
            sideToggle.setSelected(sidePanelVisible.get());
        });
        sidePanelVisible.addListener((obs, old, visible) -> sideToggle.setSelected(visible));
        parts.topBar().addTool(sideToggle);
        BorderPane layout = new BorderPane(center);
        layout.setTop(new VBox(parts.topBar(), parts.banner()));
        layout.setBottom(statusBar);
        // at the top, below the top bar: at the bottom it covered Send and Attach
        StackPane.setAlignment(snackbar, Pos.TOP_CENTER);
        StackPane.setMargin(snackbar, new javafx.geometry.Insets(52, 0, 0, 0));
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
            revealSidePanel();
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

    /**
     * A side-panel tab whose content is made when the tab is first selected. The window opens on the Functions tab:
     * making, styling and laying out the Data and Activity tabs' lists and tables before anyone looks at them was a
     * share of every window's start.
     */
    private static Tab madeWhenFirstSelected(String title, Supplier<Node> content) {
        MadeWhenNeeded<Node> place = new MadeWhenNeeded<>(content);
        Tab tab = new Tab(title, place);
        place.makeWhen(tab.selectedProperty());
        return tab;
    }

    public TabPane sidePanel() {
        return sidePanel;
    }

    /**
     * Whether the user wants the side panel (Functions, Data, Activity) beside the chat; Ctrl+B and the top bar's
     * toggle change it at a wide size. A narrow window hides the panel without changing this.
     */
    public BooleanProperty sidePanelShownProperty() {
        return sidePanelShown;
    }

    /** Whether the side panel can be seen now: beside the chat, or over it while the window is narrow. */
    public ReadOnlyBooleanProperty sidePanelVisibleProperty() {
        return sidePanelVisible.getReadOnlyProperty();
    }

    /** Whether the window is too narrow for the side panel beside the chat. */
    public ReadOnlyBooleanProperty narrowProperty() {
        return narrow;
    }

    /** Ctrl+B: at a wide size opens or closes the panel (and keeps the choice); while narrow, shows it over the chat. */
    public void toggleSidePanel() {
        if (narrow.get()) {
            overlayShown.set(!overlayShown.get());
        } else {
            sidePanelShown.set(!sidePanelShown.get());
        }
    }

    /**
     * Shows the side panel where it can be seen: beside the chat (opening it if the user had closed it), or over the
     * chat while the window is narrow. For what asks to show a tab of it (a call card's Review).
     */
    public void revealSidePanel() {
        if (narrow.get()) {
            overlayShown.set(true);
        } else {
            sidePanelShown.set(true);
        }
    }

    /** Closes the side panel shown over the chat, if it is; the user's choice beside it stays as it is. */
    public void closeSidePanelOverlay() {
        overlayShown.set(false);
    }

    /**
     * The dividers' positions as the user left them: two while the side panel is wanted (even when a narrow window
     * hides it), one without.
     */
    public List<Double> dividers() {
        List<Double> positions = new ArrayList<>();
        for (double d : split.getDividerPositions()) {
            positions.add(d);
        }
        if (positions.size() == 1 && sidePanelShown.get()) {
            positions.add(sideDivider);
        }
        return positions;
    }

    /** Opens or closes the side panel and puts the dividers where they were kept. */
    public void applyLayout(WindowLayout layout) {
        sidePanelShown.set(layout.sidePanelOpen());
        List<Double> kept = layout.dividers();
        if (!kept.stream().allMatch(d -> d > 0 && d < 1)) {
            return;
        }
        if (kept.size() == split.getDividers().size()) {
            split.setDividerPositions(kept.stream().mapToDouble(Double::doubleValue).toArray());
        } else if (kept.size() == 2 && split.getDividers().size() == 1 && sidePanelShown.get()) {
            split.setDividerPositions(kept.get(0)); // wanted, but hidden while the window is narrow
            sideDivider = kept.get(1);
        }
    }

    private void measureWidth() {
        double width = getScene() != null && getScene().getRoot() == this && getScene().getWidth() > 0
                ? getScene().getWidth() : getWidth();
        narrow.set(width > 0 && width < NARROW_WIDTH);
    }

    /** Puts the side panel beside the chat, over it, or nowhere, from the choice and the window's width. */
    private void placeSidePanel() {
        boolean beside = sidePanelShown.get() && !narrow.get();
        boolean over = overlayShown.get() && narrow.get();
        if (!beside && split.getItems().contains(sidePanel)) {
            double[] positions = split.getDividerPositions();
            sideDivider = positions.length > 1 ? positions[1] : DEFAULT_DIVIDERS[1];
            split.getItems().remove(sidePanel);
            split.setDividerPositions(positions.length > 0 ? positions[0] : DEFAULT_DIVIDERS[0]);
        }
        if (!over && overlay.getChildren().contains(sidePanel)) {
            overlay.getChildren().clear();
        }
        if (over && !overlay.getChildren().contains(sidePanel)) {
            overlay.getChildren().setAll(sidePanel);
        }
        overlay.setVisible(over);
        overlay.setManaged(over);
        if (beside && !split.getItems().contains(sidePanel)) {
            double listDivider = split.getDividerPositions().length > 0 ? split.getDividerPositions()[0] : DEFAULT_DIVIDERS[0];
            split.getItems().add(sidePanel);
            split.setDividerPositions(listDivider, Math.max(listDivider + 0.1, sideDivider));
        }
        sidePanelVisible.set(beside || over);
        if (over) {
            sidePanel.requestFocus();
        }
    }

    private void fillComposer(String text) {
        if (chatView.chat() == null) {
            return;
        }
        chatView.chat().draftProperty().set(text);
        chatView.composer().input().requestFocus();
        chatView.composer().input().end();
    }

    /** Shows a chat and ties the status bar's speed and context meter to it. */
    public void show(ChatViewModel chat) {
        chatView.show(chat);
        statusBar.tokensPerSecondProperty().bind(chat.lastTokensPerSecondProperty());
        statusBar.contextUsedProperty().bind(chat.contextUsedProperty());
    }

    /** Ctrl+N new chat, Ctrl+Enter send, Ctrl+, settings, Ctrl+F find in chat, Ctrl+B side panel, F2 rename. */
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
        accelerators.put(new KeyCodeCombination(KeyCode.B, KeyCombination.SHORTCUT_DOWN), this::toggleSidePanel);
        // as the close button: the window's layout is kept on hiding and the app ends with its last window
        accelerators.put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), () -> scene.getWindow().hide());
    }

    /** What the composition root hands the window. */
    public record Parts(TopBar topBar, Banner banner, StatusBar statusBar, ConversationListViewModel conversations,
                        ChatView chatView, FunctionReviewViewModel functions, DataViewModel data,
                        java.util.concurrent.Executor highlightPool, Runnable onSettings) {
    }
}
