package io.toolsmith.ui.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AppThemeTest {

    @Test
    void followsTheEnvironmentAndDefaultsToLight() {
        assertEquals(AppTheme.LIGHT, AppTheme.fromSystem(Map.of()));
        assertEquals(AppTheme.DARK, AppTheme.fromSystem(Map.of("GTK_THEME", "Adwaita:dark")));
        assertEquals(AppTheme.DARK, AppTheme.fromSystem(Map.of("GTK_THEME", "Yaru-dark")));
        assertEquals(AppTheme.LIGHT, AppTheme.fromSystem(Map.of("TOOLSMITH_THEME", "light", "GTK_THEME", "Adwaita:dark")));
        assertEquals(AppTheme.DARK, AppTheme.fromSystem(Map.of("TOOLSMITH_THEME", "Dark")));
    }

    @Test
    void parsesSettingValues() {
        assertEquals(AppTheme.DARK, AppTheme.parse("dark", Map.of()));
        assertEquals(AppTheme.DARK, AppTheme.parse("system", Map.of("GTK_THEME", "Adwaita:dark")));
        assertNull(AppTheme.parse("purple", Map.of()));
    }
}
