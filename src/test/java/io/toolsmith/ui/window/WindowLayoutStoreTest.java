package io.toolsmith.ui.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowLayoutStoreTest {
    @TempDir
    Path home;

    @Test
    void aSavedLayoutReadsBackAsItWas() {
        WindowLayoutStore store = new WindowLayoutStore(home.resolve("window.json"));
        WindowLayout layout = new WindowLayout(40.0, 30.0, 1100.0, 720.0, true, false, List.of(0.25));
        store.save(layout);
        assertEquals(layout, new WindowLayoutStore(home.resolve("window.json")).load());
    }

    @Test
    void aMissingOrDamagedFileIsTheDefaultLayout() throws Exception {
        Path file = home.resolve("window.json");
        assertEquals(WindowLayout.NONE, new WindowLayoutStore(file).load());
        Files.writeString(file, "{\"width\": 1100, \"height\": ");
        WindowLayout damaged = new WindowLayoutStore(file).load();
        assertEquals(WindowLayout.NONE, damaged);
        assertFalse(damaged.hasSize());
        assertTrue(damaged.sidePanelOpen(), "the side panel is open unless it was closed");
    }

    @Test
    void partsOfAnOlderFileAreUsedAndNonsenseIsNot() throws Exception {
        Path file = home.resolve("window.json");
        Files.writeString(file, "{\"width\": 50, \"height\": 40, \"dividers\": [0.2, null], \"future\": 1}");
        WindowLayout read = new WindowLayoutStore(file).load();
        assertFalse(read.hasSize(), "a window too small to use is not restored");
        assertFalse(read.hasPosition());
        assertEquals(List.of(0.2), read.dividers());
    }
}
