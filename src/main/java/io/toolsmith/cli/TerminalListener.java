package io.toolsmith.cli;

import io.toolsmith.agent.TurnListener;
import io.toolsmith.context.ContextReport;
import io.toolsmith.conversation.CallRecord;
import io.toolsmith.util.Json;
import java.io.PrintWriter;
import java.util.List;

/** Prints a turn as it happens: reply text on stdout, calls and warnings as short lines on stderr. */
final class TerminalListener implements TurnListener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean verbose;
    private int step;

    TerminalListener(PrintWriter out, PrintWriter err) {
        this(out, err, false);
    }

    /** @param verbose also prints how each request uses the context window and what the server counted */
    TerminalListener(PrintWriter out, PrintWriter err, boolean verbose) {
        this.out = out;
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public void requestComposed(ContextReport report) {
        if (verbose) {
            note(ContextLines.composed(report));
        } else if (report.leftOut() > 0 && step <= 1) {
            note(ContextLines.leftOut(report));
        }
    }

    @Override
    public void promptCounted(long promptTokens, long processed, int window) {
        if (verbose && promptTokens > 0) {
            note(ContextLines.counted(promptTokens, processed, window));
        }
    }

    private void note(String line) {
        out.flush();
        err.println("Note: " + line);
        err.flush();
    }

    @Override
    public void replyStarted(int step) {
        this.step = step;
        if (step > 1) {
            out.println();
            out.flush();
        }
    }

    @Override
    public void replyDelta(String text) {
        out.print(text);
        out.flush();
    }

    @Override
    public void functionsDiscovered(List<String> names) {
        out.flush();
        err.println();
        err.println("New functions to review: " + String.join(", ", names)
                + " (see `toolsmith functions show NAME`, then `toolsmith functions approve NAME`).");
        err.flush();
    }

    @Override
    public void replyCutOff(String sentence) {
        out.println();
        out.flush();
        err.println("Note: " + sentence);
        err.flush();
    }

    @Override
    public void warning(String sentence) {
        out.flush();
        err.println("Warning: " + sentence);
        err.flush();
    }

    @Override
    public void callFinished(CallRecord record) {
        out.flush();
        String outcome = record.ok()
                ? "→ " + abbreviate(String.valueOf(record.result()))
                : "→ " + record.status().wire() + ": " + record.errorMessage();
        String args = record.arguments() == null ? "" : abbreviate(Json.MAPPER.valueToTree(record.arguments()).toString());
        err.println("[call " + record.idText() + "] " + record.function() + " " + args + " " + outcome);
        err.flush();
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 197) + "…";
    }
}
