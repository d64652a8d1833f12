package io.toolsmith.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.conversation.CallRecord;
import io.toolsmith.conversation.CallRecord.CallStatus;
import io.toolsmith.data.DataQuotaException;
import io.toolsmith.data.DataSnapshots;
import io.toolsmith.functions.ActivityEntry;
import io.toolsmith.functions.ActivityLog;
import io.toolsmith.functions.ApprovedModule;
import io.toolsmith.functions.ArgumentValidator;
import io.toolsmith.functions.CallPermit;
import io.toolsmith.functions.Effects;
import io.toolsmith.functions.FunctionLibrary;
import io.toolsmith.protocol.FunctionCall;
import io.toolsmith.protocol.Nesting;
import io.toolsmith.sandbox.CallOutcome;
import io.toolsmith.sandbox.Grant;
import io.toolsmith.sandbox.Sandbox;
import io.toolsmith.sandbox.SandboxException;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one permitted call: checks the arguments against the spec, saves the data folder, makes sure the
 * sandbox holds exactly the approved code, runs the function and records the outcome. Called on the agent's
 * threads, one per running turn.
 */
public final class CallRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CallRunner.class);

    private final FunctionLibrary library;
    private final SandboxSource sandboxes;
    private final DataSnapshots snapshots;
    private final ActivityLog activity;
    /**
     * Module name → code defined in the sandbox, so unchanged modules are not sent again. Concurrent: the
     * window runs turns of different chats at the same time (the sandbox itself serializes the calls).
     */
    private final Map<String, String> defined = new ConcurrentHashMap<>();

    private final ArgumentValidator validator = new ArgumentValidator();

    /**
     * Where the calls run, asked for at each call: a turn whose model calls nothing, or a {@code context} command,
     * never starts a worker process for it.
     */
    @FunctionalInterface
    public interface SandboxSource {
        Sandbox sandbox() throws SandboxException;
    }

    public CallRunner(FunctionLibrary library, SandboxSource sandboxes, DataSnapshots snapshots, ActivityLog activity) {
        this.library = library;
        this.sandboxes = sandboxes;
        this.snapshots = snapshots;
        this.activity = activity;
    }

    public CallRecord run(FunctionCall call, CallPermit permit, Cancellation cancel) {
        return run(call, permit, cancel, null);
    }

    /** @param source who asked for the call when it was not the chat (an MCP client's name), for the activity log */
    public CallRecord run(FunctionCall call, CallPermit permit, Cancellation cancel, String source) {
        ObjectNode arguments = call.arguments();
        if (Nesting.exceedsLimit(arguments)) {
            return refused(call, Nesting.ERROR_NAME, Nesting.argumentsTooDeep(call.function()));
        }
        if (permit.spec() != null) {
            Optional<String> problem = validator.validate(permit.spec(), arguments, library.parameterNames(call.function()));
            if (problem.isPresent()) {
                return refused(call, "InvalidArgumentsError", problem.get());
            }
        }
        Optional<ApprovedModule> module = library.approvedModule(permit.module());
        Optional<String> code = module.map(ApprovedModule::code).or(() -> library.currentCode(permit.module()));
        if (code.isEmpty()) {
            return refused(call, "NotApprovedError", "The function " + call.function() + " has no code, so it was not run.");
        }
        // The call may do what its approval names (or, run once, what the checks see in the code), no more.
        Grant grant = (permit.effects() == null ? Effects.ALL : permit.effects()).grant();
        // Without an approved version this is "Run once": the code goes along with the call and is not kept.
        boolean runOnce = module.isEmpty();
        Sandbox sandbox;
        try {
            // Started before the folder is locked: a first call's worker start does not hold up an undo or a read.
            sandbox = sandboxes.sandbox();
        } catch (SandboxException e) {
            CallRecord record = refused(call, "SandboxError", e.getMessage());
            log(record, permit, source);
            return record;
        }
        // No other call, undo or read of the data folder happens while this call may change it.
        snapshots.folderLock().lock();
        String snapshotId = null;
        try {
            // Saved before the module is defined: loading the code runs its top level, which may write data too.
            Saved saved = takeSnapshot(call);
            if (saved.refused() != null) {
                log(saved.refused(), permit, source);
                return saved.refused();
            }
            snapshotId = saved.snapshotId();
            if (!runOnce) {
                ensureDefined(sandbox, permit.module(), code.get());
            }
            CallOutcome outcome = runOnce
                    ? sandbox.callOnce(call.idText(), permit.module(), code.get(), call.function(), arguments, grant,
                    cancel)
                    : sandbox.call(call.idText(), permit.module(), call.function(), arguments, grant, cancel);
            // The result may come while the call's processes are being torn down; what they did to the data
            // folder is complete only once they are gone (the quota check below and the next snapshot read it).
            List<String> renamed = sandbox.awaitCallsEnded();
            CallRecord record = recordOf(call, arguments, outcome,
                    withQuotaNote(call, withNotes(outcome.output(), renamed))).withSnapshot(snapshotId);
            log(record, permit, source);
            return record;
        } catch (SandboxException e) {
            defined.remove(permit.module());
            // It may have changed the data before it failed: a rewind of the chat still knows where to go back to.
            CallRecord record = refused(call, "SandboxError", e.getMessage()).withSnapshot(snapshotId);
            log(record, permit, source);
            return record;
        } finally {
            snapshots.folderLock().unlock();
        }
    }

    private static CallRecord recordOf(FunctionCall call, ObjectNode arguments, CallOutcome outcome,
                                       String output) {
        long millis = outcome.elapsed().toMillis();
        if (outcome.ok() && Nesting.exceedsLimit(outcome.result())) {
            // A result this deep could not be saved with the chat; the model is told why instead.
            return new CallRecord(call.id(), call.function(), arguments, CallStatus.ERROR, null, Nesting.ERROR_NAME,
                    Nesting.resultTooDeep(call.function()), output, millis);
        }
        return outcome.ok()
                ? new CallRecord(call.id(), call.function(), arguments, CallStatus.OK, outcome.result(), null, null,
                output, millis)
                : new CallRecord(call.id(), call.function(), arguments, CallStatus.ERROR, null, outcome.error().name(),
                outcome.error().message(), output, millis);
    }

    private void log(CallRecord record, CallPermit permit, String source) {
        write(new ActivityEntry(Instant.now(), record.idText(), record.function(), permit.module(),
                record.arguments(), record.ok() ? ActivityEntry.OK : ActivityEntry.ERROR, record.errorName(),
                record.durationMillis(), permit.approvalHash(), detail(record), source));
    }

    /**
     * Logs a call that was answered without running (the user said no, not approved, unknown function), so the
     * activity log shows what the model asked for as well as what ran. Other answers are not logged.
     */
    void logNotRun(CallRecord record) {
        String outcome = switch (record.status()) {
            case DENIED -> ActivityEntry.DENIED;
            case NOT_APPROVED -> ActivityEntry.NOT_APPROVED;
            case UNKNOWN_FUNCTION -> ActivityEntry.UNKNOWN;
            default -> null;
        };
        if (outcome != null) {
            write(new ActivityEntry(Instant.now(), record.idText(), record.function(), null, record.arguments(),
                    outcome, record.errorName(), 0, null, record.errorMessage()));
        }
    }

    private static String detail(CallRecord record) {
        if (record.ok()) {
            return record.result() == null ? "None" : record.result().toString();
        }
        return record.errorMessage();
    }

    private void write(ActivityEntry entry) {
        try {
            activity.record(entry);
        } catch (IOException e) {
            LOG.warn("The call to {} could not be written to the activity log: {}", entry.function(), e.getMessage());
        }
    }

    private void ensureDefined(Sandbox sandbox, String module, String code) throws SandboxException {
        if (code.equals(defined.get(module))) {
            return;
        }
        // The grant goes with each call; the module is compiled once and kept in every worker.
        sandbox.define(module, code, false);
        defined.put(module, code);
    }

    /**
     * Saves the data folder before the call. A call that could not be undone does not run: a function could
     * otherwise switch undo off for good by leaving something unreadable in the folder. The snapshot's id when saved,
     * else the refusal to answer the call with.
     */
    private Saved takeSnapshot(FunctionCall call) {
        try {
            return new Saved(snapshots.takeBeforeCall(call.idText(), call.function()).id(), null);
        } catch (DataQuotaException e) {
            LOG.warn("{} was not run: {}", call.function(), e.getMessage());
            return new Saved(null, refused(call, "DataQuotaError", e.getMessage()));
        } catch (UserFacingException e) {
            LOG.warn("{} was not run: no snapshot of the data folder: {}", call.function(), e.getMessage());
            return new Saved(null, refused(call, "SnapshotError", "Toolsmith did not run " + call.function()
                    + " because the data folder could not be saved first, so the call could not be undone: "
                    + e.getMessage()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} was not run: no snapshot of the data folder", call.function(), e);
            return new Saved(null, refused(call, "SnapshotError", "Toolsmith did not run " + call.function()
                    + " because the data folder could not be saved first (" + e.getMessage() + "). Check that "
                    + snapshots.tree().root() + " and the snapshots folder can be read and written, then ask again."));
        }
    }

    /** The snapshot taken before a call, or the refusal that answers a call that could not be saved first. */
    private record Saved(String snapshotId, CallRecord refused) {
    }

    /** What the call printed, followed by the sandbox's sentences about it (one a line). */
    private static String withNotes(String output, List<String> notes) {
        if (notes.isEmpty()) {
            return output;
        }
        String text = String.join("\n", notes);
        return output == null || output.isEmpty() ? text : output + (output.endsWith("\n") ? "" : "\n") + text;
    }

    /** Adds a sentence to what the call printed when it took the data folder over its quota (also logged). */
    private String withQuotaNote(FunctionCall call, String output) {
        Optional<String> excess;
        try {
            excess = snapshots.overQuota();
        } catch (IOException | UserFacingException e) {
            excess = Optional.of("the data folder could not be measured afterwards (" + e.getMessage() + ")");
        }
        if (excess.isEmpty()) {
            return output;
        }
        String note = "After this call " + excess.get() + ". Further calls will not run until it is back under the"
                + " quota: undo this call ('toolsmith data undo', or Undo in the Data tab) or remove files.";
        LOG.warn("{}: {}", call.function(), note);
        return output == null || output.isEmpty() ? note : output + (output.endsWith("\n") ? "" : "\n") + note;
    }

    static CallRecord refused(FunctionCall call, String errorName, String sentence) {
        return new CallRecord(call.id(), call.function(), call.arguments(), CallStatus.ERROR, null, errorName, sentence, null, 0);
    }
}
