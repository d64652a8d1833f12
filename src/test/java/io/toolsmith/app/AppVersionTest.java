package io.toolsmith.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.toolsmith.cli.ToolsmithCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppVersionTest {

    /** The pom is the one place the version is written; the running app must report exactly that. */
    @TempDir
    Path home;

    @Test
    void theVersionIsThePomsAndTheCommandLineReportsIt() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        m.find();
        String pomVersion = m.group(1);

        assertEquals(pomVersion, AppVersion.get());

        StringWriter out = new StringWriter();
        var cli = ToolsmithCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("--home", home.toString(), "--version"));
        assertEquals("Toolsmith " + pomVersion, out.toString().strip());
    }
}
