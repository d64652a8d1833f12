package io.toolsmith.ui.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.ui.testing.WindowTestExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Links are opened with the desktop's openers on the PATH, run as real programs: when every one of them
 * fails, the link is copied and the user told; when one works, nothing is said.
 */
@ExtendWith(WindowTestExtension.class)
class LinkOpenerFailureTest {
    private static final String URL = "https://example.org/docs?page=2";

    @TempDir
    Path bin;

    @Test
    void whenEveryOpenerFailsTheLinkIsCopiedAndTheUserTold() throws Exception {
        // as on a machine with gio and sensible-browser but no browser behind them
        program("gio", "echo 'gio: Operation not supported' >&2; exit 2");
        program("sensible-browser", "echo \"Couldn't find a suitable web browser!\" >&2; exit 1");
        List<String> passedOn = new CopyOnWriteArrayList<>();
        CompletableFuture<String> told = new CompletableFuture<>();
        LinkPolicy links = new LinkPolicy(passedOn::add, () -> true, DesktopOpener.onPath(bin.toString()),
                Platform::runLater);
        links.setOnNoBrowser(told::complete);

        boolean handedOn = WaitForAsyncUtils.asyncFx(() -> links.open(URL)).get();

        assertTrue(handedOn, "the openers were started");
        assertEquals(URL, told.get(30, TimeUnit.SECONDS), "the user is told once they have failed");
        assertEquals(URL, WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get());
        assertTrue(passedOn.isEmpty(), "HostServices, which says nothing, is not used on this system");
    }

    @Test
    void anOpenerThatWorksGetsTheLinkAsOneArgumentAndNothingIsSaid() throws Exception {
        Path got = bin.resolve("got.txt");
        program("xdg-open", "printf '%s\\n' \"$#\" \"$1\" > '" + got + "'; exit 0");
        program("gio", "exit 2");

        boolean opened = DesktopOpener.onPath(bin.toString()).open(URL).get(30, TimeUnit.SECONDS);

        assertTrue(opened);
        assertEquals(List.of("1", URL), Files.readAllLines(got));
    }

    @Test
    void aLaterOpenerIsTriedWhenTheFirstFails() throws Exception {
        Path got = bin.resolve("got.txt");
        program("xdg-open", "exit 4");
        program("gio", "printf '%s\\n' \"$@\" > '" + got + "'; exit 0");

        assertTrue(DesktopOpener.onPath(bin.toString()).open(URL).get(30, TimeUnit.SECONDS));
        assertEquals(List.of("open", URL), Files.readAllLines(got), "gio is asked to open the link");
    }

    @Test
    void onlyExecutableOpenersOnThePathCount() throws Exception {
        assertTrue(DesktopOpener.onPath(bin.toString()).isEmpty());
        assertTrue(DesktopOpener.onPath(null).isEmpty());
        Files.writeString(bin.resolve("xdg-open"), "not a program");
        assertTrue(DesktopOpener.onPath(bin.toString()).isEmpty(), "a file that cannot be run is no opener");
        program("firefox", "exit 0");
        assertFalse(DesktopOpener.onPath("" + java.io.File.pathSeparator + bin).isEmpty());
    }

    private void program(String name, String body) throws Exception {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
