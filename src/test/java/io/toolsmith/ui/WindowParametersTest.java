package io.toolsmith.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The global options reach the window as JavaFX named parameters ({@code --name=value}). */
class WindowParametersTest {

    @Test
    void homeAndHostBecomeNamedParametersWithAnAbsoluteHome() {
        assertArrayEquals(new String[] {"--home=" + Path.of("chats").toAbsolutePath(), "--host=http://gpu:11434"},
                ToolsmithWindow.parameters(Path.of("chats"), "http://gpu:11434"));
    }

    @Test
    void noOptionsGiveNoParameters() {
        assertArrayEquals(new String[0], ToolsmithWindow.parameters(null, null));
    }
}
