package io.toolsmith.ui.window;

import io.toolsmith.sandbox.Isolation;
import io.toolsmith.ui.chat.TurnEvent;
import io.toolsmith.ui.common.BackgroundExecutor;
import io.toolsmith.ui.common.Tooltips;
import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/**
 * Sandbox backend and isolation ("isolation: none" in a warning colour), the last reply's speed, and how full the shown
 * chat's context window was by the server's count. FX thread only.
 */
public final class StatusBar extends HBox {
    private final Label sandbox = new Label("sandbox: checking…");
    private final Label speed = new Label();
    private final DoubleProperty tokensPerSecond = new SimpleDoubleProperty();
    /** A window this full leaves little for the chat: its oldest messages will soon be left out of requests. */
    static final double NEARLY_FULL = 0.9;
    private final Label context = new Label();
    private final ObjectProperty<TurnEvent.ContextUsed> contextUsed = new SimpleObjectProperty<>();

    public StatusBar(SandboxInfo info, BackgroundExecutor background) {
        super(14);
        getStyleClass().add("status-bar");
        sandbox.setId("sandbox-status");
        speed.setId("speed-status");
        context.setId("context-status");
        getChildren().addAll(sandbox, speed, context);
        contextUsed.addListener((obs, old, now) -> showContext(now));
        tokensPerSecond.addListener((obs, old, now) -> speed.setText(now.doubleValue() <= 0 ? ""
                : String.format(Locale.ROOT, "last reply: %.1f tokens/s", now.doubleValue())));
        background.run(info::isolation, this::show, error -> sandbox.setText("sandbox: unavailable"));
    }

    /** Bound by the window to the shown chat's last speed. */
    public DoubleProperty tokensPerSecondProperty() {
        return tokensPerSecond;
    }

    /** Bound by the window to the shown chat's latest count of its prompt. */
    public ObjectProperty<TurnEvent.ContextUsed> contextUsedProperty() {
        return contextUsed;
    }

    private void showContext(TurnEvent.ContextUsed used) {
        context.getStyleClass().remove("context-nearly-full");
        if (used == null || used.window() <= 0) {
            context.setText("");
            Tooltips.set(context, null);
            return;
        }
        double share = used.promptTokens() / (double) used.window();
        context.setText(String.format(Locale.ROOT, "context: %,d / %,d tokens", used.promptTokens(), used.window()));
        Tooltips.set(context, String.format(Locale.ROOT, "The last request took %.0f%% "
                + "of the model's context window, by the server's count. When it is full, the oldest messages are "
                + "left out of requests; they stay in the chat.", 100 * share));
        if (share >= NEARLY_FULL) {
            context.getStyleClass().add("context-nearly-full");
        }
    }

    private void show(Isolation status) {
        String detail = status.description();
        boolean explained = !status.isolated() && detail != null && !detail.isBlank();
        // Without isolation the reason and the remedy are shown in full: the user must not miss it.
        sandbox.setText("sandbox: " + status.backend() + " · "
                + (explained ? detail : "isolation: " + (status.isolated() ? status.level() : "none")));
        Tooltips.set(sandbox, detail);
        sandbox.getStyleClass().remove("isolation-none");
        if (!status.isolated()) {
            sandbox.getStyleClass().add("isolation-none");
        }
    }
}
