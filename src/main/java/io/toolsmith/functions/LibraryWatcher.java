package io.toolsmith.functions;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells when anything in the functions folder changes (a module's code, spec or approval, written by this process,
 * the window, the command line or by hand): the folder and each module folder are watched, new module folders as they
 * come. {@code changed} is called on the watcher's daemon thread.
 */
public final class LibraryWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LibraryWatcher.class);

    private final WatchService watcher;
    private final Path folder;
    private final Runnable changed;
    private final Thread thread;

    private LibraryWatcher(WatchService watcher, Path folder, Runnable changed) {
        this.watcher = watcher;
        this.folder = folder;
        this.changed = changed;
        this.thread = new Thread(this::loop, "library-watcher");
        thread.setDaemon(true);
    }

    public static LibraryWatcher start(Path folder, Runnable changed) throws IOException {
        Files.createDirectories(folder);
        LibraryWatcher w = new LibraryWatcher(folder.getFileSystem().newWatchService(), folder, changed);
        w.registerAll();
        w.thread.start();
        return w;
    }

    private void registerAll() throws IOException {
        register(folder);
        try (Stream<Path> modules = Files.list(folder)) {
            for (Path module : (Iterable<Path>) modules::iterator) {
                if (Files.isDirectory(module, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    register(module);
                }
            }
        }
    }

    private void register(Path dir) throws IOException {
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                StandardWatchEventKinds.ENTRY_MODIFY);
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                do {
                    key.pollEvents();
                    key.reset();
                } while ((key = watcher.poll()) != null);
                try {
                    registerAll(); // a new module folder is watched from now on
                } catch (IOException e) {
                    LOG.debug("A new module folder could not be watched: {}", e.getMessage());
                }
                try {
                    changed.run();
                } catch (RuntimeException e) {
                    LOG.warn("What follows a change of the functions folder failed: {}", e.toString(), e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("The library watcher could not be closed: {}", e.getMessage());
        }
    }
}
