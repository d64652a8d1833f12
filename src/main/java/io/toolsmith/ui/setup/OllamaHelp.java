package io.toolsmith.ui.setup;

import java.util.Locale;

/** How to install and start Ollama on this platform, as one sentence for the banner. Pure. */
public final class OllamaHelp {
    private OllamaHelp() {
    }

    public static String installHint() {
        return installHint(System.getProperty("os.name", ""));
    }

    static String installHint(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return "If Ollama is not installed, download it from https://ollama.com/download and open it; it then runs"
                    + " in the menu bar.";
        }
        if (os.contains("win")) {
            return "If Ollama is not installed, run the installer from https://ollama.com/download; it then runs in the"
                    + " notification area.";
        }
        return "If Ollama is not installed: `curl -fsSL https://ollama.com/install.sh | sh` in a terminal.";
    }
}
