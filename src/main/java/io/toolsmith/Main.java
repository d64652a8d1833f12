package io.toolsmith;

import io.toolsmith.app.UncaughtFailures;
import io.toolsmith.cli.ToolsmithCommand;
import io.toolsmith.ui.ToolsmithWindow;

/**
 * Entry point: no arguments opens the window, any argument runs the command line.
 * Kept free of JavaFX types so the CLI starts without loading the toolkit.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        UncaughtFailures.install(); // the window adds its snackbar notice once it is shown
        if (args.length == 0) {
            ToolsmithWindow.launchWindow(args);
        } else {
            System.exit(ToolsmithCommand.run(args));
        }
    }
}
