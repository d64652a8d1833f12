package io.toolsmith.ui.markdown;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Model output is untrusted: a link is opened only when the user clicks it, and only for
 * http, https and mailto. The opener is the application's {@code HostServices::showDocument}
 * (passed in by the composition root), or a no-op in tests.
 */
public final class LinkPolicy {
    private static final Set<String> ALLOWED = Set.of("http", "https", "mailto");
    private final Consumer<String> opener;

    public LinkPolicy(Consumer<String> opener) {
        this.opener = opener;
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

    /** Opens the link if allowed; returns whether it was opened. Called on the FX thread. */
    public boolean open(String url) {
        if (!isAllowed(url)) {
            return false;
        }
        opener.accept(url.trim());
        return true;
    }
}
