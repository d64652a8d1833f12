package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.toolsmith.cli.ToolsmithCommand.Launch;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which of the two clients the arguments open: the window for no command, the command line otherwise. */
class WindowOrCommandLineTest {

    @Test
    void noArgumentsOpenTheWindowWithTheDefaults() {
        assertEquals(new Launch(true, null, null, false), ToolsmithCommand.launchFor());
    }

    @Test
    void globalOptionsWithoutACommandOpenTheWindowWithThoseOptions() {
        assertEquals(new Launch(true, Path.of("/srv/toolsmith"), null, false),
                ToolsmithCommand.launchFor("--home", "/srv/toolsmith"));
        assertEquals(new Launch(true, Path.of("here"), "http://gpu:11434", true),
                ToolsmithCommand.launchFor("--home=here", "--debug", "--host", "http://gpu:11434"));
    }

    @Test
    void aCommandHelpOrVersionRunsTheCommandLine() {
        assertFalse(ToolsmithCommand.launchFor("--home", "/srv/toolsmith", "doctor").window());
        assertFalse(ToolsmithCommand.launchFor("chat", "--help").window());
        assertFalse(ToolsmithCommand.launchFor("--help").window());
        assertFalse(ToolsmithCommand.launchFor("--version").window());
        assertFalse(ToolsmithCommand.launchFor("help").window());
    }

    @Test
    void argumentsThatDoNotParseGoToTheCommandLineWhichExplainsThem() {
        assertFalse(ToolsmithCommand.launchFor("--home").window());
        assertFalse(ToolsmithCommand.launchFor("--no-such-option").window());
        assertFalse(ToolsmithCommand.launchFor("no-such-command").window());
    }
}
