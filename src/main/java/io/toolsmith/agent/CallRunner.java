package io.toolsmith.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.conversation.CallRecord;
import io.toolsmith.conversation.CallRecord.CallStatus;
import io.toolsmith.data.DataSnapshots;
import io.toolsmith.functions.ActivityEntry;
import io.toolsmith.functions.ActivityLog;
import io.toolsmith.functions.ApprovedModule;
import io.toolsmith.functions.ArgumentValidator;
import io.toolsmith.functions.CallPermit;
import io.toolsmith.functions.FunctionLibrary;
import io.toolsmith.protocol.FunctionCall;
import io.toolsmith.protocol.Nesting;
import io.toolsmith.sandbox.CallOutcome;
import io.toolsmith.sandbox.Sandbox;
import io.toolsmith.sandbox.SandboxException;
import io.toolsmith.util.Cancellation;
import java.io.IOException;
import java.time.Instant;
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
    private final Sandbox sandbox;
    private final DataSnapshots snapshots;
    private final ActivityLog activity;
    /**
     * Module name → code defined in the sandbox, so unchanged modules are not sent again. Concurrent: the
     * window runs turns of different chats at the same time (the sandbox itself serializes the calls).
     */
    private final Map<String, String> defined = new ConcurrentHashMap<>();

    private final ArgumentValidator validator = new ArgumentValidator();

    public CallRunner(FunctionLibrary library, Sandbox sandbox, DataSnapshots snapshots, ActivityLog activity) {
        this.library = library;
        this.sandbox = sandbox;
        this.snapshots = snapshots;
        this.activity = activity;
    }

    public CallRecord run(FunctionCall call, CallPermit permit, Cancellation cancel) {
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
        boolean network = module.map(ApprovedModule::network).orElse(false);
        // Without an approved version this is "Run once": the code goes along with the call and is not kept.
        boolean runOnce = module.isEmpty();
        try {
            if (!runOnce) {
                ensureDefined(permit.module(), code.get(), network);
            }
            takeSnapshot(call);
            CallOutcome outcome = runOnce
                    ? sandbox.callOnce(call.idText(), permit.module(), code.get(), call.function(), arguments, cancel)
                    : sandbox.call(call.idText(), permit.module(), call.function(), arguments, cancel);
            CallRecord record = recordOf(call, arguments, outcome);
            log(record, permit);
            return record;
        } catch (SandboxException e) {
            defined.remove(permit.module());
            CallRecord record = refused(call, "SandboxError", e.getMessage());
            log(record, permit);
            return record;
        }
    }

    private static CallRecord recordOf(FunctionCall call, ObjectNode arguments, CallOutcome outcome) {
        long millis = outcome.elapsed().toMillis();
        if (outcome.ok() && Nesting.exceedsLimit(outcome.result())) {
            // A result this deep could not be saved with the chat; the model is told why instead.
            return new CallRecord(call.id(), call.function(), arguments, CallStatus.ERROR, null, Nesting.ERROR_NAME,
                    Nesting.resultTooDeep(call.function()), outcome.output(), millis);
        }
        return outcome.ok()
                ? new CallRecord(call.id(), call.function(), arguments, CallStatus.OK, outcome.result(), null, null,
                outcome.output(), millis)
                : new CallRecord(call.id(), call.function(), arguments, CallStatus.ERROR, null, outcome.error().name(),
                outcome.error().message(), outcome.output(), millis);
    }

    private void log(CallRecord record, CallPermit permit) {
        try {
            activity.record(new ActivityEntry(Instant.now(), record.idText(), record.function(), permit.module(),
                    record.arguments(), record.ok() ? ActivityEntry.OK : ActivityEntry.ERROR, record.errorName(),
                    record.durationMillis(), permit.approvalHash()));
        } catch (IOException e) {
            LOG.warn("The call to {} could not be written to the activity log: {}", record.function(), e.getMessage());
        }
    }

    private void ensureDefined(String module, String code, boolean network) throws SandboxException {
        if (code.equals(defined.get(module))) {
            return;
        }
        sandbox.define(module, code, network);
        defined.put(module, code);
    }

    private void takeSnapshot(FunctionCall call) {
        try {
            snapshots.take(call.idText(), call.function());
        } catch (Exception e) {
            // A call that cannot be undone is still allowed to run, but the user must be able to see why.
            LOG.warn("No snapshot of the data folder before {}: {}", call.function(), e.getMessage());
        }
    }

    static CallRecord refused(FunctionCall call, String errorName, String sentence) {
        return new CallRecord(call.id(), call.function(), call.arguments(), CallStatus.ERROR, null, errorName, sentence, null, 0);
    }
}
