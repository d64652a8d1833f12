package io.toolsmith.ui.theme;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Text of refused calls' rows stays readable on the light theme's white and its striped rows (WCAG AA, 4.5:1). */
class LightThemeContrastTest {
    @Test
    void refusedRowsTextHasEnoughContrastOnTheLightBackgrounds() throws IOException {
        String css;
        try (InputStream in = AppTheme.class.getResourceAsStream("/io/toolsmith/ui/theme/app.css")) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("-ts-refused-text:\\s*#([0-9a-fA-F]{6});").matcher(css);
        assertTrue(m.find(), "the light theme names its own colour for refused rows");
        double text = luminance(m.group(1));
        for (String background : new String[] {"ffffff", "f6f8fa"}) {
            double ratio = (Math.max(text, luminance(background)) + 0.05) / (Math.min(text, luminance(background)) + 0.05);
            assertTrue(ratio >= 4.5, "contrast on #" + background + " is " + ratio);
        }
    }

    private static double luminance(String hex) {
        int rgb = Integer.parseInt(hex, 16);
        return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
    }

    private static double channel(int value) {
        double c = (value & 0xff) / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
