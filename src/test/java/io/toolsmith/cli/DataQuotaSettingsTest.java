package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.settings.Settings;
import io.toolsmith.settings.SettingsStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data-folder quota is two settings with defaults, set and checked like the others. */
class DataQuotaSettingsTest {
    @TempDir
    Path home;

    private int settings(StringWriter err, String... args) {
        var cli = ToolsmithCommand.newCommandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.execute(all);
    }

    @Test
    void quotasHaveDefaultsAndRefuseNonsense() {
        Settings defaults = Settings.defaults();
        assertEquals(1024, defaults.dataQuotaMb());
        assertEquals(10_000, defaults.dataQuotaFiles());
        assertTrue(defaults.problems().isEmpty(), defaults.problems().toString());

        StringWriter err = new StringWriter();
        assertEquals(0, settings(err, "settings", "set", "dataQuotaFiles", "200000"), err.toString());
        assertEquals(200_000, new SettingsStore(home.resolve("settings.json")).current().dataQuotaFiles());

        StringWriter refused = new StringWriter();
        assertEquals(1, settings(refused, "settings", "set", "dataQuotaMb", "0"));
        assertTrue(refused.toString().contains("The data folder quota must be between 1 and 1048576 MB."), refused.toString());
        StringWriter few = new StringWriter();
        assertEquals(1, settings(few, "settings", "set", "dataQuotaFiles", "3"));
        assertTrue(few.toString().contains("file quota must be between 10 and"), few.toString());
    }
}
