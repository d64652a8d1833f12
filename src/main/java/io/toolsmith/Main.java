package io.toolsmith;

import io.toolsmith.app.UncaughtFailures;
import io.toolsmith.app.Utf8FileNames;
import io.toolsmith.cli.ToolsmithCommand;
import io.toolsmith.ui.ToolsmithWindow;
import java.util.Optional;

/**
 * Entry point: no command (no arguments, or only global options such as {@code --home DIR}) opens the window,
 * a command runs the command line.
 * Kept free of JavaFX types so the CLI starts without loading the toolkit.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Optional<Integer> restarted = Utf8FileNames.restartIfNeeded(Main.class.getName(), args); // file names as UTF-8 in every locale
        if (restarted.isPresent()) {
            System.exit(restarted.get());
        }
        UncaughtFailures.install(); // the window adds its snackbar notice once it is shown
        picocli.CommandLine cli = ToolsmithCommand.newCommandLine();
        ToolsmithCommand.Launch launch = ToolsmithCommand.launchFor(cli, args);
        if (launch.window()) {
            if (launch.debug()) {
                System.setProperty("toolsmith.debug", "true"); // how the window reads --debug
            }
            ToolsmithWindow.launchWindow(launch.home(), launch.host());
        } else {
            System.exit(cli.execute(args));
        }
    }
}
