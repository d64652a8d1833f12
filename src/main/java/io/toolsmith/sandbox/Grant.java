package io.toolsmith.sandbox;

/**
 * What a call may do beyond reading the data folder and computing: each is enforced by the worker the call runs
 * in, so one worker serves each combination that is used (see {@link LocalSandbox}).
 *
 * @param writeData the data folder is bound read-write (else read-only)
 * @param network   the worker has network access (else none)
 * @param processes the call may start processes (else execve and fork are refused by a system-call filter)
 */
public record Grant(boolean writeData, boolean network, boolean processes) {
    /** What every call could do before effects were enforced; the network as the module's approval says. */
    public static Grant unrestricted(boolean network) {
        return new Grant(true, network, true);
    }

    /** A short name for files and logs: "wnp", "r--". */
    String tag() {
        return (writeData ? "w" : "r") + (network ? "n" : "-") + (processes ? "p" : "-");
    }
}
