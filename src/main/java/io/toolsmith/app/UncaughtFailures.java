package io.toolsmith.app;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stop of an exception nothing caught (an FX event handler, a stray thread): it is written to the log at
 * ERROR, where it can be found later, instead of to a stderr nobody sees, and a short sentence goes to the
 * {@code notice} (the window's snackbar; nothing on the command line, whose commands report their own failures).
 */
public final class UncaughtFailures implements Thread.UncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UncaughtFailures.class);
    static final String SENTENCE = "Something went wrong and was not finished. The details are in the log file"
            + " (toolsmith.log in the Toolsmith folder).";
    private final Consumer<String> notice;

    public UncaughtFailures(Consumer<String> notice) {
        this.notice = notice;
    }

    /** Makes this the handler of every thread that has none of its own. */
    public static void install(Consumer<String> notice) {
        Thread.setDefaultUncaughtExceptionHandler(new UncaughtFailures(notice));
    }

    /** Logs only; for the command line and the window before it is shown. */
    public static void install() {
        install(sentence -> { });
    }

    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        LOG.error("Uncaught failure on thread {}", thread.getName(), failure);
        try {
            notice.accept(SENTENCE);
        } catch (RuntimeException | Error e) {
            // the notice failing must not hide the original failure, which is already logged
            LOG.error("Could not show the notice of an uncaught failure", e);
        }
    }
}
