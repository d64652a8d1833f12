package io.toolsmith.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The app's version, written once in the pom and carried here by the build (a filtered
 * {@code version.properties}), so no second copy of it can fall behind.
 */
public final class AppVersion {
    private static final String RESOURCE = "/io/toolsmith/version.properties";

    private AppVersion() {
    }

    /** The pom's version, e.g. "0.1.0"; "unknown" when the file is missing or was not filled in. */
    public static String get() {
        try (InputStream in = AppVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").strip();
            return version.isEmpty() || version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
