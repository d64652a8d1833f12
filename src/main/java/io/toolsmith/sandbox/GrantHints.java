package io.toolsmith.sandbox;

import java.util.regex.Pattern;

/**
 * Says why a call failed when it tried something its grant does not allow: Python's own message ("[Errno 30]
 * Read-only file system") reads like a fault of the machine, so the sentence names the effect that was not
 * approved. The error's name stays Python's, so a function that handles the error still sees what it expects.
 */
final class GrantHints {
    private static final Pattern READ_ONLY = Pattern.compile("\\[Errno 30\\]|Read-only file system");
    private static final Pattern NOT_PERMITTED = Pattern.compile("\\[Errno 1\\] Operation not permitted");
    private static final Pattern NO_NETWORK = Pattern.compile("\\[Errno (101|-2|-3|-5)\\]|Network is unreachable|"
            + "Temporary failure in name resolution|Name or service not known");

    private GrantHints() {
    }

    static CallOutcome explain(CallOutcome outcome, Grant grant, String function) {
        if (outcome.ok() || outcome.error() == null) {
            return outcome;
        }
        ErrorInfo error = outcome.error();
        String text = error.message() + "\n" + error.traceback();
        String hint = null;
        if (!grant.writeData() && READ_ONLY.matcher(text).find()) {
            hint = function + " tried to change the data folder, but it is not approved to write data, so the data "
                    + "folder was read-only for this call and nothing was changed.";
        } else if (!grant.processes() && NOT_PERMITTED.matcher(text).find()
                && (error.name().equals("PermissionError") || text.contains("fork") || text.contains("exec")
                || text.contains("subprocess") || text.contains("spawn"))) {
            hint = function + " tried to start a process, but it is not approved to start processes, so the sandbox "
                    + "refused.";
        } else if (!grant.network() && NO_NETWORK.matcher(text).find()) {
            hint = function + " tried to use the network, but it is not approved to use the network, so it has none.";
        }
        if (hint == null) {
            return outcome;
        }
        ErrorInfo explained = new ErrorInfo(error.name(), error.message() + " (" + hint
                + " If it needs to, the user can approve it again allowing that.)", error.traceback());
        return new CallOutcome(false, null, explained, outcome.output(), outcome.outputTruncated(), outcome.elapsed());
    }
}
