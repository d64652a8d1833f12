package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.settings.InstructionMode;
import io.toolsmith.settings.SettingsStore;
import io.toolsmith.settings.Theme;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `settings set` takes a choice in any known spelling, writes the one older versions read, and refuses the unknown. */
class SettingsCommandTest {
    @TempDir
    Path home;

    private int settings(StringWriter out, StringWriter err, String... args) {
        var cli = ToolsmithCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.execute(all);
    }

    @Test
    void choicesAreTakenInAnyKnownSpellingAndUnknownOnesRefused() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, settings(out, err, "settings", "set", "instructionMode", "FIRST_USER"), err.toString());
        assertTrue(out.toString().contains("instructionMode = \"first_user\""), out.toString());
        assertEquals(0, settings(out, err, "settings", "set", "theme", "Dark"), err.toString());
        Path file = home.resolve("settings.json");
        assertTrue(Files.readString(file).contains("\"instructionMode\" : \"first_user\""));
        assertEquals(InstructionMode.FIRST_USER, new SettingsStore(file).current().instructionMode());
        assertEquals(Theme.DARK, new SettingsStore(file).current().theme());

        String before = Files.readString(file);
        StringWriter refused = new StringWriter();
        assertEquals(1, settings(new StringWriter(), refused, "settings", "set", "callingMode", "json"));
        assertTrue(refused.toString().contains("\"json\" is not a valid value for callingMode."), refused.toString());
        assertEquals(before, Files.readString(file), "nothing was written");

        StringWriter unknown = new StringWriter();
        assertEquals(1, settings(new StringWriter(), unknown, "settings", "set", "colour", "blue"));
        assertTrue(unknown.toString().contains("There is no setting named colour."), unknown.toString());
    }
}
