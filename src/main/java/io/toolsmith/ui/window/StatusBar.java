package io.toolsmith.ui.window;

import io.toolsmith.sandbox.Isolation;
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
        background.run(info::isolation, this::show, error -> sandbox.setText("sandbox: unavailable"));
    }

    /** Bound by the window to the shown chat's last speed. */
    public DoubleProperty tokensPerSecondProperty() {
        return tokensPerSecond;
    }

    private void show(Isolation status) {
        String detail = status.description();
        boolean explained = !status.isolated() && detail != null && !detail.isBlank();
        // Without isolation the reason and the remedy are shown in full: the user must not miss it.
        sandbox.setText("sandbox: " + status.backend() + " · "
                + (explained ? detail : "isolation: " + (status.isolated() ? status.level() : "none")));
        sandbox.setTooltip(detail == null ? null : new javafx.scene.control.Tooltip(detail));
        sandbox.getStyleClass().remove("isolation-none");
        if (!status.isolated()) {
            sandbox.getStyleClass().add("isolation-none");
        }
    }
}
