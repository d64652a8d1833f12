package io.toolsmith.cli;

import io.toolsmith.settings.Home;
import io.toolsmith.util.UserFacingException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The command line: {@code toolsmith [--home DIR] [--host URL] [--debug] <command> …}. */
@Command(name = "toolsmith",
        mixinStandardHelpOptions = true,
        versionProvider = ToolsmithCommand.VersionProvider.class,
        description = "A chat for local language models that can write, review and safely run Python functions.",
        subcommands = {
                CommandLine.HelpCommand.class,
                ChatCommand.class,
                ContextCommand.class,
                SettingsCommand.class,
                DoctorCommand.class,
                BenchCommand.class,
                ParseCommand.class,
                PullCommand.class,
                FunctionsCommand.class,
                InspectCommand.class,
                DataCommand.class,
                McpCommand.class,
        })
public final class ToolsmithCommand implements Runnable {

    @Option(names = "--home", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Folder for all state (default: TOOLSMITH_HOME, else the platform's data folder).")
    Path home;

    @Option(names = "--host", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Ollama server (default: OLLAMA_HOST, else http://127.0.0.1:11434).")
    String host;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces and debug logging.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public Home home() {
        return Home.resolve(home);
    }

    public String hostOption() {
        return host;
    }

    public boolean debug() {
        return debug;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * What to open for these arguments. No command (no arguments, or only the global options such as
     * {@code --home DIR}) opens the window with those options; a command, help, version, or arguments that do not
     * parse run the command line, which reports them.
     */
    public static Launch launchFor(String... args) {
        return launchFor(newCommandLine(), args);
    }

    /**
     * What to open, read with {@code cli} (from {@link #newCommandLine}), which then runs the command line if that is
     * the answer: the command line's model, built by reflection over every command, was a tenth of a command's start,
     * and was built twice.
     */
    public static Launch launchFor(CommandLine cli, String... args) {
        ToolsmithCommand root = cli.getCommand();
        CommandLine.ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return Launch.commandLine();
        }
        if (parsed.hasSubcommand() || parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested()) {
            return Launch.commandLine();
        }
        return new Launch(true, root.home, root.host, root.debug);
    }

    /** The window ({@code window}) with the global options given, or the command line. */
    public record Launch(boolean window, Path home, String host, boolean debug) {
        static Launch commandLine() {
            return new Launch(false, null, null, false);
        }
    }

    public static CommandLine newCommandLine() {
        ToolsmithCommand root = new ToolsmithCommand();
        CommandLine cli = new CommandLine(root);
        cli.setExecutionStrategy(parseResult -> {
            io.toolsmith.app.Logging.configure(root.home(), root.debug);
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (root.debug) {
                ex.printStackTrace(err);
            } else {
                err.println(sentenceFor(ex));
            }
            err.flush();
            return ex instanceof ExitCodeException e ? e.exitCode() : 1;
        });
        return cli;
    }

    static String sentenceFor(Throwable ex) {
        if (ex instanceof UserFacingException || ex instanceof ExitCodeException) {
            return ex.getMessage();
        }
        String message = ex.getMessage();
        return "Toolsmith stopped unexpectedly: " + (message == null ? ex.getClass().getSimpleName() : message)
                + " (run again with --debug for details).";
    }

    /** `toolsmith --version`: the pom's version, read at run time. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Toolsmith " + io.toolsmith.app.AppVersion.get()};
        }
    }
}
