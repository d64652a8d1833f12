package io.toolsmith.ui.markdown;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens a link with the desktop's openers found on the PATH ({@code xdg-open}, {@code gio open}, …), one after
 * the other until one succeeds, and says whether any did. HostServices on Linux starts the same programs but
 * never says whether they worked, and an installed {@code gio} or {@code sensible-browser} with no browser
 * behind it fails at once: the exit code is the only sign. No thread waits: the answer arrives when the opener
 * exits. An opener still running after a while is taken to have opened the link (some keep the browser
 * in the foreground).
 */
final class DesktopOpener {
    /** What HostServices tries on Linux and the usual desktop openers, in the order they are tried. */
    static final List<String> OPENERS = List.of("xdg-open", "gio", "sensible-browser", "x-www-browser",
            "gnome-open", "kde-open", "firefox", "chromium", "google-chrome", "mozilla", "opera", "konqueror");
    private static final long STILL_RUNNING_SECONDS = 8;

    private final List<Path> programs;

    private DesktopOpener(List<Path> programs) {
        this.programs = List.copyOf(programs);
    }

    /** The openers on {@code path} (a PATH value), in the order tried; none when the path has none. */
    static DesktopOpener onPath(String path) {
        List<Path> found = new ArrayList<>();
        if (path != null) {
            for (String name : OPENERS) {
                for (String dir : path.split(File.pathSeparator)) {
                    Path program = dir.isEmpty() ? null : Path.of(dir, name);
                    if (program != null && Files.isExecutable(program)) {
                        found.add(program);
                        break;
                    }
                }
            }
        }
        return new DesktopOpener(found);
    }

    boolean isEmpty() {
        return programs.isEmpty();
    }

    /** Completes with true once an opener took the link, false when every one failed or none could start. */
    CompletableFuture<Boolean> open(String url) {
        return tryFrom(0, url);
    }

    private CompletableFuture<Boolean> tryFrom(int index, String url) {
        if (index >= programs.size()) {
            return CompletableFuture.completedFuture(false);
        }
        Process process;
        try {
            process = new ProcessBuilder(command(programs.get(index), url))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close();
        } catch (IOException e) {
            return tryFrom(index + 1, url);
        }
        return process.onExit()
                .completeOnTimeout(process, STILL_RUNNING_SECONDS, TimeUnit.SECONDS)
                .thenCompose(p -> p.isAlive() || p.exitValue() == 0 ? CompletableFuture.completedFuture(true)
                        : tryFrom(index + 1, url));
    }

    /** The link is an argument, never part of a shell line; its scheme was checked (http, https, mailto). */
    private static List<String> command(Path program, String url) {
        return program.getFileName().toString().equals("gio")
                ? List.of(program.toString(), "open", url) : List.of(program.toString(), url);
    }
}
