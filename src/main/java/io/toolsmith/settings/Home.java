package io.toolsmith.settings;

import dev.dirs.ProjectDirectories;
import java.nio.file.Path;

/**
 * The one folder that holds all of Toolsmith's state (see "Where things live" in the design).
 * Chosen by --home, else TOOLSMITH_HOME, else the platform's data folder.
 */
public record Home(Path root) {

    public static Home resolve(Path explicit) {
        if (explicit != null) {
            return new Home(explicit.toAbsolutePath());
        }
        String env = System.getenv("TOOLSMITH_HOME");
        if (env != null && !env.isBlank()) {
            return new Home(Path.of(env.trim()).toAbsolutePath());
        }
        return new Home(Path.of(ProjectDirectories.from("", "", "toolsmith").dataDir));
    }

    public Path settingsFile() {
        return root.resolve("settings.json");
    }

    public Path conversations() {
        return root.resolve("conversations");
    }

    /** The index of the chats folder: a cache, rebuilt from the chat files whenever it is missing or stale. */
    public Path chatIndex() {
        return root.resolve("cache").resolve("chat-index.json");
    }

    public Path functions() {
        return root.resolve("functions");
    }

    public Path data() {
        return root.resolve("data");
    }

    public Path snapshots() {
        return root.resolve("snapshots");
    }

    public Path activityLog() {
        return root.resolve("activity.jsonl");
    }

    public Path logFile() {
        return root.resolve("toolsmith.log");
    }
}
