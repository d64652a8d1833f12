package io.toolsmith.ui.markdown;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * Model output is untrusted: a link is opened only when the user clicks it, and only for
 * http, https and mailto. The opener is the application's {@code HostServices::showDocument}
 * (passed in by the composition root), or a no-op in tests. Where no browser can be started
 * (the opener would then do nothing at all) the link is copied instead and the listener set
 * with {@link #setOnNoBrowser} is told, so the user sees what happened.
 */
public final class LinkPolicy {
    private static final Set<String> ALLOWED = Set.of("http", "https", "mailto");
    /** What HostServices tries on Linux and the usual desktop openers. */
    private static final List<String> OPENERS = List.of("xdg-open", "gio", "sensible-browser", "x-www-browser",
            "gnome-open", "kde-open", "firefox", "chromium", "google-chrome", "mozilla", "opera", "konqueror");
    private final Consumer<String> opener;
    private final BooleanSupplier browserAvailable;
    private Consumer<String> onNoBrowser = url -> { };

    /** Opens links with {@code opener} when this system has a browser to open them in. */
    public LinkPolicy(Consumer<String> opener) {
        this(opener, LinkPolicy::browserInstalled);
    }

    public LinkPolicy(Consumer<String> opener, BooleanSupplier browserAvailable) {
        this.opener = opener;
        this.browserAvailable = browserAvailable;
    }

    public static boolean isAllowed(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            String scheme = URI.create(url.trim()).getScheme();
            return scheme != null && ALLOWED.contains(scheme.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Told the link (already on the clipboard) when no browser could be started. FX thread. */
    public void setOnNoBrowser(Consumer<String> listener) {
        onNoBrowser = listener == null ? url -> { } : listener;
    }

    /** Opens the link if allowed and a browser exists; returns whether it was opened. Called on the FX thread. */
    public boolean open(String url) {
        if (!isAllowed(url)) {
            return false;
        }
        if (!browserAvailable.getAsBoolean()) {
            ClipboardContent content = new ClipboardContent();
            content.putString(url.trim());
            Clipboard.getSystemClipboard().setContent(content);
            onNoBrowser.accept(url.trim());
            return false;
        }
        opener.accept(url.trim());
        return true;
    }

    /**
     * Whether a browser can be started: always on Windows and macOS; on other systems only with a
     * display and one of the openers HostServices uses on the PATH (without them it fails silently).
     */
    public static boolean browserInstalled() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return true;
        }
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            return false;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            for (String name : OPENERS) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return true;
                }
            }
        }
        return false;
    }
}
