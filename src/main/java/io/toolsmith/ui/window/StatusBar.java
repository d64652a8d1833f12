package io.toolsmith.ui.window;

import io.toolsmith.ui.common.BackgroundExecutor;
import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/** Sandbox backend and isolation ("isolation: none" in a warning colour) and the last reply's speed. FX thread only. */
public final class StatusBar extends HBox {
    private final Label sandbox = new Label("sandbox: checking…");
    private final Label speed = new Label();
    private final DoubleProperty tokensPerSecond = new SimpleDoubleProperty();

    public StatusBar(SandboxInfo info, BackgroundExecutor background) {
        super(14);
        getStyleClass().add("status-bar");
        sandbox.setId("sandbox-status");
        speed.setId("speed-status");
        getChildren().addAll(sandbox, speed);
        tokensPerSecond.addListener((obs, old, now) -> speed.setText(now.doubleValue() <= 0 ? ""
                : String.format(Locale.ROOT, "last reply: %.1f tokens/s", now.doubleValue())));
        background.run(info::status, this::show, error -> sandbox.setText("sandbox: unavailable"));
    }

    /** Bound by the window to the shown chat's last speed. */
    public DoubleProperty tokensPerSecondProperty() {
        return tokensPerSecond;
    }

    private void show(SandboxInfo.SandboxStatus status) {
        boolean explained = !status.isolated() && status.detail() != null && !status.detail().isBlank();
        // Without isolation the reason and the remedy are shown in full: the user must not miss it.
        sandbox.setText("sandbox: " + status.backend() + " · "
                + (explained ? status.detail() : "isolation: " + status.isolation()));
        sandbox.setTooltip(status.detail() == null ? null : new javafx.scene.control.Tooltip(status.detail()));
        sandbox.getStyleClass().remove("isolation-none");
        if (!status.isolated()) {
            sandbox.getStyleClass().add("isolation-none");
        }
    }
}
