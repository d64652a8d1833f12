package io.toolsmith.ui.theme;

import java.util.Objects;
import javafx.application.Application;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;

/**
 * Switches the look at runtime by swapping the AtlantaFX user-agent stylesheet; the app's own
 * stylesheet only refers to AtlantaFX's named colours, so it follows without being reloaded.
 * Owned by the composition root; all methods are called on the FX thread.
 */
public final class ThemeManager {
    /** The app stylesheet: named colours and the few classes AtlantaFX has no equivalent for. */
    public static final String APP_STYLESHEET =
            Objects.requireNonNull(ThemeManager.class.getResource("/io/toolsmith/ui/theme/app.css")).toExternalForm();
    public static final String DARK_CLASS = "theme-dark";

    private final ObjectProperty<AppTheme> theme = new SimpleObjectProperty<>(this, "theme");

    public ThemeManager(AppTheme initial) {
        theme.addListener((obs, old, now) -> Application.setUserAgentStylesheet(now.userAgentStylesheet()));
        theme.set(initial);
        Application.setUserAgentStylesheet(initial.userAgentStylesheet());
    }

    public ObjectProperty<AppTheme> themeProperty() {
        return theme;
    }

    public AppTheme theme() {
        return theme.get();
    }

    public void setTheme(AppTheme value) {
        theme.set(Objects.requireNonNull(value));
    }

    public void toggle() {
        setTheme(theme() == AppTheme.LIGHT ? AppTheme.DARK : AppTheme.LIGHT);
    }

    /** Adds the app stylesheet to a scene and keeps a root style class in step with the theme. */
    public void install(Scene scene) {
        if (!scene.getStylesheets().contains(APP_STYLESHEET)) {
            scene.getStylesheets().add(APP_STYLESHEET);
        }
        applyRootClass(scene);
        theme.addListener((obs, old, now) -> applyRootClass(scene));
    }

    private void applyRootClass(Scene scene) {
        if (scene.getRoot() == null) {
            return;
        }
        scene.getRoot().getStyleClass().remove(DARK_CLASS);
        if (theme() == AppTheme.DARK) {
            scene.getRoot().getStyleClass().add(DARK_CLASS);
        }
    }
}
