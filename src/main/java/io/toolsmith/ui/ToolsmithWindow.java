package io.toolsmith.ui;

import io.toolsmith.app.Engine;
import io.toolsmith.app.Logging;
import io.toolsmith.app.UncaughtFailures;
import io.toolsmith.settings.Home;
import io.toolsmith.ui.common.Sentences;
import io.toolsmith.ui.common.UiExecutor;
import io.toolsmith.ui.engine.EngineServices;
import io.toolsmith.ui.engine.WindowMcpCalls;
import io.toolsmith.ui.theme.AppTheme;
import io.toolsmith.ui.window.ProbeClock;
import io.toolsmith.ui.window.Snackbar;
import io.toolsmith.ui.window.WindowLayoutStore;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop application: opens the engine in the home folder ({@code --home}, else {@code TOOLSMITH_HOME} or
 * the platform's data folder), builds the window's services over it and shows the window. A start-up failure is
 * shown as a sentence in a dialog. Launched by {@link io.toolsmith.Main} when no command is given.
 */
public class ToolsmithWindow extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(ToolsmithWindow.class);
    private static final String HOME = "home";
    private static final String HOST = "host";
    private Engine engine;
    private EngineServices services;
    private WindowMcpCalls mcpCalls;
    private AppContext context;

    /** Kept so the setting below is not lost when the logger is collected (JUL holds loggers weakly). */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    /**
     * Opens the window, or explains in one sentence why it cannot (no display), instead of a stack trace.
     * JavaFX warns at every start that it was loaded from the class path; that is how this app ships, so
     * the warning is only shown with -Dtoolsmith.debug=true.
     */
    public static void launchWindow(Path home, String host) {
        quietJavaFxStartup();
        if (noDisplay()) {
            System.err.println("Toolsmith could not open its window: no display was found (DISPLAY is not set)."
                    + " Start it from a desktop session, or use the command line: toolsmith --help.");
            System.exit(1);
        }
        try {
            Application.launch(ToolsmithWindow.class, parameters(home, host));
        } catch (RuntimeException e) {
            if (Boolean.getBoolean("toolsmith.debug")) {
                throw e;
            }
            System.err.println("Toolsmith could not open its window: " + e.getMessage()
                    + ". The command line still works: toolsmith --help.");
            System.exit(1);
        }
    }

    /** The global options as the application's named parameters ({@code --home=DIR}), read back in {@link #start}. */
    static String[] parameters(Path home, String host) {
        List<String> parameters = new ArrayList<>();
        if (home != null) {
            parameters.add("--" + HOME + "=" + home.toAbsolutePath());
        }
        if (host != null) {
            parameters.add("--" + HOST + "=" + host);
        }
        return parameters.toArray(String[]::new);
    }

    /** JavaFX warns at every start that it runs from the class path, which is how this app ships. */
    public static void quietJavaFxStartup() {
        if (!Boolean.getBoolean("toolsmith.debug")) {
            JAVAFX_LOG.setLevel(java.util.logging.Level.SEVERE);
        }
    }

    private static boolean noDisplay() {
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        boolean headlessPlatform = "Monocle".equals(System.getProperty("glass.platform"));
        return linux && !headlessPlatform && isBlank(System.getenv("DISPLAY")) && isBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public void start(Stage stage) {
        try {
            Map<String, String> options = getParameters().getNamed();
            String homeOption = options.get(HOME);
            Home chosen = Home.resolve(homeOption == null ? null : Path.of(homeOption));
            // before the home is checked, so a home that cannot be created still leaves a log (in the temporary folder)
            Logging.configure(chosen, Boolean.getBoolean("toolsmith.debug"));
            Home home = usable(chosen);
            engine = Engine.open(home, options.get(HOST));
            services = new EngineServices(engine, getHostServices()::showDocument);
            context = open(engine, services);
            context.show(stage, 1280, 800);
            mcpCalls = WindowMcpCalls.start(engine).orElse(null);
            Snackbar snackbar = context.window().snackbar();
            UncaughtFailures.install(sentence -> UiExecutor.fx().execute(() -> snackbar.show(sentence, null, null)));
        } catch (UserFacingException | RuntimeException | Error e) {
            LOG.error("Toolsmith could not start", e); // the dialog shows the sentence; the log keeps the details
            Alert alert = new Alert(Alert.AlertType.ERROR, "Toolsmith could not start. " + Sentences.of(e), ButtonType.CLOSE);
            alert.setTitle("Toolsmith");
            alert.setHeaderText(null);
            alert.showAndWait();
            Platform.exit();
        }
    }

    private static Home usable(Home home) throws UserFacingException {
        try {
            Files.createDirectories(home.root());
            return home;
        } catch (IOException e) {
            throw new UserFacingException("The Toolsmith folder " + home.root() + " cannot be created ("
                    + e.getMessage() + "). Set TOOLSMITH_HOME to a folder you can write to and start Toolsmith again.", e);
        }
    }

    /** Builds the window over an engine's services; shared with the tests that drive the real engine. */
    static AppContext open(Engine engine, EngineServices services) {
        return open(engine, services, ProbeClock.system());
    }

    /** With the clock of the connection probe (tests drive it by hand). */
    static AppContext open(Engine engine, EngineServices services, ProbeClock probeClock) {
        AppTheme theme = AppTheme.parse(engine.settings().theme().name().toLowerCase(java.util.Locale.ROOT), System.getenv());
        AppContext context = new AppContext(services.services(), theme == null ? AppTheme.LIGHT : theme,
                services.downloads(), new WindowLayoutStore(engine.home().root().resolve("window.json")), probeClock);
        services.functions().setAskInChat(text -> Platform.runLater(() -> context.sendInShownChat(text)));
        return context;
    }

    @Override
    public void stop() {
        if (mcpCalls != null) {
            mcpCalls.close();
        }
        if (context != null) {
            context.close();
        }
        if (services != null) {
            services.close();
        }
        if (engine != null) {
            engine.close();
        }
    }
}
