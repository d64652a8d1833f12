package io.toolsmith.ui.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Theme;
import java.util.Locale;
import java.util.Map;

/** The two looks the window has; each is one AtlantaFX user-agent stylesheet. */
public enum AppTheme {
    LIGHT(new PrimerLight()),
    DARK(new PrimerDark());

    private final Theme atlantafx;

    AppTheme(Theme atlantafx) {
        this.atlantafx = atlantafx;
    }

    public String userAgentStylesheet() {
        return atlantafx.getUserAgentStylesheet();
    }

    /** Parses a setting value ("light", "dark", "system"); anything else is {@code null}. */
    public static AppTheme parse(String value, Map<String, String> env) {
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "light" -> LIGHT;
            case "dark" -> DARK;
            case "system", "" -> fromSystem(env);
            default -> null;
        };
    }

    /**
     * JavaFX 21 cannot ask the desktop for its colour scheme, so this follows what the environment
     * says: TOOLSMITH_THEME first, then a GTK theme name ending in ":dark" or containing "-dark".
     * Light when nothing says otherwise.
     */
    public static AppTheme fromSystem(Map<String, String> env) {
        String explicit = env.get("TOOLSMITH_THEME");
        if (explicit != null && !explicit.isBlank() && !explicit.trim().equalsIgnoreCase("system")) {
            AppTheme parsed = parse(explicit, Map.of());
            if (parsed != null) {
                return parsed;
            }
        }
        String gtk = env.getOrDefault("GTK_THEME", "").toLowerCase(Locale.ROOT);
        return gtk.endsWith(":dark") || gtk.contains("-dark") ? DARK : LIGHT;
    }
}
