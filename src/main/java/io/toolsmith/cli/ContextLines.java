package io.toolsmith.cli;

import io.toolsmith.context.ContextReport;
import java.util.List;
import java.util.Locale;

/** The context window's use, as one line for the terminal. */
final class ContextLines {
    /** Names beyond this many are counted, not listed: a line should stay readable. */
    private static final int NAMES_SHOWN = 12;

    private ContextLines() {
    }

    static String composed(ContextReport r) {
        String line = "this request takes about " + n(r.used()) + " of " + n(r.window()) + " tokens (instructions "
                + n(r.instructions()) + ", functions " + n(r.specs()) + ", chat " + n(r.history()) + "; "
                + n(r.replyReserve()) + " kept for the reply, " + n(r.free()) + " free). " + offered(r);
        return r.leftOut() > 0 ? line + " " + leftOut(r) : line;
    }

    static String leftOut(ContextReport r) {
        return r.leftOut() + " earlier message" + (r.leftOut() == 1 ? " was" : "s were") + " left out of this request "
                + "to fit the context window of " + n(r.window()) + " tokens.";
    }

    static String counted(long promptTokens, long processed, int window) {
        String line = "the server counted " + n(promptTokens) + " prompt tokens of " + n(window);
        return processed >= 0 ? line + " (" + n(processed) + " processed, the rest from its cache)." : line + ".";
    }

    private static String offered(ContextReport r) {
        if (r.approved() == 0) {
            return "No functions are approved.";
        }
        List<String> names = r.offered();
        String shown = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())))
                + (names.size() > NAMES_SHOWN ? ", …" : "");
        return "Functions offered: " + names.size() + " of " + r.approved() + (names.isEmpty() ? "." : " (" + shown + ").");
    }

    private static String n(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
