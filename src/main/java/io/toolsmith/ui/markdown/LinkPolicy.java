package io.toolsmith.ui.markdown;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * Model output is untrusted: a link is opened only when the user clicks it, and only for
 * http, https and mailto. On Windows and macOS the opener is the application's
 * {@code HostServices::showDocument} (passed in by the composition root); elsewhere the desktop's
 * openers on the PATH are run directly ({@link DesktopOpener}), because HostServices there says
 * nothing when they fail. Where no browser can be started the link is copied instead and the
 * listener set with {@link #setOnNoBrowser} is told, so the user sees what happened.
 */
public final class LinkPolicy {
    private static final Set<String> ALLOWED = Set.of("http", "https", "mailto");
    private final Consumer<String> opener;
    private final BooleanSupplier browserAvailable;
    private final DesktopOpener desktop;
    private final Executor fx;
    private Consumer<String> onNoBrowser = url -> { };

    /** Opens links with {@code opener} on Windows and macOS, and with the desktop's openers elsewhere. */
    public LinkPolicy(Consumer<String> opener) {
        this(opener, LinkPolicy::browserInstalled, desktopOpener(), Platform::runLater);
    }

    /** Opens links with {@code opener} whenever {@code browserAvailable} says a browser exists. */
    public LinkPolicy(Consumer<String> opener, BooleanSupplier browserAvailable) {
        this(opener, browserAvailable, null, Runnable::run);
    }

    /**
     * Opens links with {@code desktop}'s programs when it has any (reporting on {@code fx} when all of them
     * fail), else with {@code opener}.
     */
    LinkPolicy(Consumer<String> opener, BooleanSupplier browserAvailable, DesktopOpener desktop, Executor fx) {
        this.opener = opener;
        this.browserAvailable = browserAvailable;
        this.desktop = desktop == null || desktop.isEmpty() ? null : desktop;
        this.fx = fx;
    }

    /** The PATH's openers where HostServices would use them silently (not Windows or macOS); else null. */
    private static DesktopOpener desktopOpener() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("win") || os.contains("mac") ? null : DesktopOpener.onPath(System.getenv("PATH"));
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

    /**
     * Opens the link if allowed and a browser exists; returns whether it was handed to an opener. When the
     * desktop's openers all fail, which they tell only after a moment, the link is copied and the user told
     * then. Called on the FX thread.
     */
    public boolean open(String url) {
        if (!isAllowed(url)) {
            return false;
        }
        String link = url.trim();
        if (!browserAvailable.getAsBoolean()) {
            copyInstead(link);
            return false;
        }
        if (desktop != null) {
            desktop.open(link).thenAccept(opened -> {
                if (!opened) {
                    fx.execute(() -> copyInstead(link));
                }
            });
            return true;
        }
        opener.accept(link);
        return true;
    }

    private void copyInstead(String link) {
        ClipboardContent content = new ClipboardContent();
        content.putString(link);
        Clipboard.getSystemClipboard().setContent(content);
        onNoBrowser.accept(link);
    }

    /**
     * Whether a browser may be started: always on Windows and macOS; on other systems only with a
     * display and one of the desktop's openers on the PATH (whether it works shows when it is run).
     */
    public static boolean browserInstalled() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return true;
        }
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            return false;
        }
        return !DesktopOpener.onPath(System.getenv("PATH")).isEmpty();
    }
}
