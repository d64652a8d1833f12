package io.toolsmith.ui.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.cli.WindowBenchmark;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The product has no headless platform, so on Linux the window benchmark needs a display or says so. */
class UiBenchmarkTest {

    @Test
    void withoutHeadlessPlatformOrDisplayTheBenchmarkSaysWhatToDo() {
        Optional<String> why = UiBenchmark.unavailable(false, "Linux", Map.of("HOME", "/root"));
        assertEquals(Optional.of("Measuring the window needs a display, and none is set (neither DISPLAY nor"
                + " WAYLAND_DISPLAY). Run toolsmith bench ui in a desktop session."), why);
    }

    @Test
    void aDisplayOrTheHeadlessPlatformIsEnough() {
        assertEquals(Optional.empty(), UiBenchmark.unavailable(false, "Linux", Map.of("DISPLAY", ":0")));
        assertEquals(Optional.empty(), UiBenchmark.unavailable(false, "Linux", Map.of("WAYLAND_DISPLAY", "wayland-0")));
        assertEquals(Optional.empty(), UiBenchmark.unavailable(true, "Linux", Map.of()));
        assertEquals(Optional.empty(), UiBenchmark.unavailable(false, "Windows 11", Map.of()));
    }

    @Test
    void theCommandLineFindsTheWindowBenchmarkAsAService() {
        assertTrue(WindowBenchmark.find().orElseThrow() instanceof UiBenchmark);
        assertTrue(UiBenchmark.headlessPlatformPresent(), "the tests run the window on Monocle");
    }
}
