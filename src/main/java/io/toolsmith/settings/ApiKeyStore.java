package io.toolsmith.settings;

import io.toolsmith.util.AtomicFiles;
import io.toolsmith.util.ProcessRunner;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps the API key of an OpenAI-compatible server out of {@code settings.json}: in the desktop keyring
 * through {@code secret-tool} (libsecret) where it is installed, else in a file only the user can read.
 */
public final class ApiKeyStore {
    private static final String[] KEYRING_ATTRIBUTES = {"service", "toolsmith", "key", "openai-api-key"};
    private static final Duration KEYRING_TIMEOUT = Duration.ofSeconds(10);
    private final Path file;
    private final boolean useKeyring;

    public ApiKeyStore(Home home) {
        this(home.root().resolve("secrets").resolve("openai-api-key"), keyringAvailable());
    }

    public ApiKeyStore(Path file, boolean useKeyring) {
        this.file = file;
        this.useKeyring = useKeyring;
    }

    /** Where the key is kept, for messages ("the desktop keyring" or the file's path). */
    public String location() {
        return useKeyring ? "the desktop keyring" : file.toString();
    }

    public Optional<String> load() {
        if (useKeyring) {
            return run(null, "secret-tool", "lookup").filter(s -> !s.isBlank()).map(String::strip);
        }
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file).strip()).filter(s -> !s.isEmpty()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void save(String key) throws UserFacingException {
        if (useKeyring) {
            if (run(key, "secret-tool", "store", "--label=Toolsmith API key").isPresent()) {
                return;
            }
            throw new UserFacingException("The API key could not be stored in the desktop keyring. Unlock the keyring and try again.");
        }
        try {
            Files.createDirectories(file.getParent());
            restrict(file.getParent(), "rwx------");
            AtomicFiles.writeString(file, key.strip() + "\n");
            restrict(file, "rw-------");
        } catch (IOException e) {
            throw new UserFacingException("The API key could not be saved to " + file + ": " + e.getMessage(), e);
        }
    }

    public void clear() throws IOException {
        if (useKeyring) {
            run(null, "secret-tool", "clear");
        }
        Files.deleteIfExists(file);
    }

    private static void restrict(Path path, String permissions) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }

    private static boolean keyringAvailable() {
        if (System.getenv("DBUS_SESSION_BUS_ADDRESS") == null) {
            return false;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "secret-tool"))) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> run(String input, String... command) {
        String[] full = new String[command.length + KEYRING_ATTRIBUTES.length];
        System.arraycopy(command, 0, full, 0, command.length);
        System.arraycopy(KEYRING_ATTRIBUTES, 0, full, command.length, KEYRING_ATTRIBUTES.length);
        try {
            // a locked keyring can leave secret-tool waiting for an unlock prompt: the timeout ends it
            ProcessRunner.Result result = new ProcessRunner(full).input(input).timeout(KEYRING_TIMEOUT).run();
            return result.succeeded() ? Optional.of(result.stdout()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
