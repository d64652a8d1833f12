package io.toolsmith.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs functions through persistent local Python workers (under bubblewrap where it can be used) that
 * keep the approved modules' code and run every call in a fresh process of its own (see worker.py).
 * What a call may do is a property of the worker it runs in — the data folder bound read-only or read-write,
 * network or none, processes allowed or refused — so there is one worker per {@link Grant} in use, each started
 * on first use. Every worker holds every module: one module's functions may have different grants. Approved
 * modules are kept here and sent again whenever a worker is restarted (after a timeout, cancellation or a bad
 * reply). Thread-safe; calls into one worker are serialized.
 */
public final class LocalSandbox implements Sandbox {
    private static final Logger LOG = LoggerFactory.getLogger(LocalSandbox.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");

    private record Definition(String code, boolean network) {
    }

    private final SandboxSettings settings;
    private final ScheduledThreadPoolExecutor scheduler;
    private final WorkerLauncher launcher;
    /** What calls without a grant of their own use: everything, the network as the module's definition says. */
    private final WorkerSlot offline;
    private final WorkerSlot online;
    private final Map<Grant, WorkerSlot> slots = new ConcurrentHashMap<>();
    private volatile boolean closed;
    /** The workers that ran a call since they were last asked to settle. */
    private final Set<WorkerSlot> unsettled = ConcurrentHashMap.newKeySet();
    /** Workers whose last call failed: they may still be cleaning up after it (see run). */
    private final Set<WorkerSlot> failedLast = ConcurrentHashMap.newKeySet();
    private final Map<String, Definition> modules = new ConcurrentHashMap<>();

    private LocalSandbox(SandboxSettings settings, Path dataDir, Path workDir, Supplier<Path> bubblewrapFinder,
                         byte[] workerProgram) throws SandboxException {
        this.settings = settings;
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = Executors.defaultThreadFactory().newThread(runnable);
            thread.setName("sandbox-timer");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        try {
            this.launcher = new WorkerLauncher(settings, dataDir, workDir, scheduler, bubblewrapFinder, workerProgram);
        } catch (SandboxException e) {
            scheduler.shutdownNow();
            throw e;
        }
        this.offline = slot(Grant.unrestricted(false));
        this.online = slot(Grant.unrestricted(true));
    }

    /** Opens the sandbox and starts the offline worker, so that problems show now and not on the first call. */
    public static LocalSandbox open(SandboxSettings settings, Path dataDir, Path workDir) throws SandboxException {
        return open(settings, dataDir, workDir, WorkerLauncher::bubblewrapOnPath);
    }

    /** As {@link #open(SandboxSettings, Path, Path)}, with the bwrap executable chosen by the caller (tests). */
    static LocalSandbox open(SandboxSettings settings, Path dataDir, Path workDir, Supplier<Path> bubblewrapFinder)
            throws SandboxException {
        return open(settings, dataDir, workDir, bubblewrapFinder, WorkerLauncher.workerProgram());
    }

    /** As {@link #open(SandboxSettings, Path, Path, Supplier)}, with another worker program (tests of the pipe). */
    static LocalSandbox open(SandboxSettings settings, Path dataDir, Path workDir, Supplier<Path> bubblewrapFinder,
                             byte[] workerProgram) throws SandboxException {
        LocalSandbox sandbox = new LocalSandbox(settings, dataDir, workDir, bubblewrapFinder, workerProgram);
        try {
            sandbox.offline.ensureStarted();
        } catch (SandboxException e) {
            sandbox.close();
            throw e;
        }
        return sandbox;
    }

    @Override
    public void define(String module, String code, boolean network) throws SandboxException {
        checkName(module);
        WorkerSlot slot = network ? online : offline;
        WorkerSlot.Exchange exchange = slot.request(defineRequest(module, code), settings.timeout(), null);
        if (exchange.stopped()) {
            slot.discard();
            throw new SandboxException(exchange.killedFor() == SandboxWorker.KillReason.TIMEOUT
                    ? "Compiling module " + module + " did not finish within " + settings.timeoutWords()
                    + " and was stopped."
                    : "The sandbox stopped while compiling module " + module + stoppedBecause(exchange)
                    + "; it will be restarted.");
        }
        JsonNode reply = exchange.reply();
        if (!reply.path("ok").asBoolean()) {
            throw new SandboxException(WorkerReplies.defineFailure(module, reply.path("error")));
        }
        modules.put(module, new Definition(code, network));
        // The other running workers get the code too (a worker started later loads it when it starts).
        for (WorkerSlot other : slots.values()) {
            if (other != slot && other.running()) {
                WorkerSlot.Exchange again = other.requestRunning(defineRequest(module, code), settings.timeout());
                if (again.stopped() || !again.reply().path("ok").asBoolean()) {
                    other.discard(); // started again on its next call, with every module loaded
                }
            }
        }
    }

    @Override
    public void undefine(String module) {
        Definition removed = modules.remove(module);
        if (removed != null) {
            for (WorkerSlot slot : slots.values()) {
                if (slot.running()) {
                    slot.requestRunning(undefineRequest(module), settings.timeout());
                }
            }
        }
    }

    @Override
    public CallOutcome call(String callId, String module, String function, JsonNode arguments, Cancellation cancel)
            throws SandboxException {
        Definition definition = modules.get(module);
        if (definition == null) {
            return CallOutcome.failure(ErrorInfo.of("NameError", "Module " + module + " is not loaded in the"
                    + " sandbox; approve its code first."), "", Duration.ZERO);
        }
        return run(definition.network() ? online : offline, callRequest(callId, module, function, arguments), function,
                arguments, cancel);
    }

    /** Runs the call in the worker for {@code grant}, starting that worker when this is its first call. */
    @Override
    public CallOutcome call(String callId, String module, String function, JsonNode arguments, Grant grant,
                            Cancellation cancel) throws SandboxException {
        if (!modules.containsKey(module)) {
            return call(callId, module, function, arguments, cancel);
        }
        CallOutcome outcome = run(slot(grant), callRequest(callId, module, function, arguments), function, arguments,
                cancel);
        return GrantHints.explain(outcome, grant, function);
    }

    @Override
    public CallOutcome callOnce(String callId, String module, String code, String function, JsonNode arguments,
                                Grant grant, Cancellation cancel) throws SandboxException {
        checkName(module);
        // Code run once has no approval, so it never gets network access.
        Grant offlineGrant = new Grant(grant.writeData(), false, grant.processes());
        CallOutcome outcome = run(slot(offlineGrant), callRequest(callId, module, function, arguments).put("code", code),
                function, arguments, cancel);
        return GrantHints.explain(outcome, offlineGrant, function);
    }

    private WorkerSlot slot(Grant grant) {
        return slots.computeIfAbsent(grant, g -> new WorkerSlot(g, launcher, scheduler, this::loadModules, () -> closed));
    }

    /** Runs code that is not kept: nothing of it stays in the worker, not even after a restart. */
    @Override
    public CallOutcome callOnce(String callId, String module, String code, String function, JsonNode arguments,
                                Cancellation cancel) throws SandboxException {
        checkName(module);
        // Code run once has no approval, so it never gets network access.
        return run(offline, callRequest(callId, module, function, arguments).put("code", code), function, arguments,
                cancel);
    }

    private CallOutcome run(WorkerSlot slot, ObjectNode request, String function, JsonNode arguments,
                            Cancellation cancel) throws SandboxException {
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            return CallOutcome.failure(ErrorInfo.of("TypeError", "The arguments of " + function
                    + " must be a JSON object of named values."), "", Duration.ZERO);
        }
        if (cancel != null && cancel.isCancelled()) {
            return CallOutcome.failure(ErrorInfo.of("Cancelled", "The call was cancelled before it started."), "",
                    Duration.ZERO);
        }
        if (failedLast.remove(slot)) {
            // After a failed call the worker may still be ending what the call left (a fork bomb's hundreds of
            // processes, say) when it gets the next request: it does that before reading it. Wait for that here,
            // so that a busy machine's slow cleanup is not charged to this call's time limit. A ping leaves the
            // rename sentences for awaitCallsEnded.
            slot.requestIfRunning(Json.MAPPER.createObjectNode().put("op", "ping"), settings.timeout());
        }
        unsettled.add(slot);
        WorkerSlot.Exchange exchange = slot.request(request, settings.timeout(), cancel);
        if (exchange.stopped()) {
            return stoppedDuringCall(slot, exchange, function);
        }
        JsonNode reply = exchange.reply();
        if (reply.path("cpu").asDouble() > settings.cpuSeconds() / 2.0) {
            // The processor-time limit also covers the worker process itself: start a fresh one before it runs out.
            slot.discard();
        }
        CallOutcome outcome = WorkerReplies.outcome(reply, exchange.elapsed());
        if (!outcome.ok()) {
            failedLast.add(slot);
        }
        return outcome;
    }

    private static ObjectNode callRequest(String callId, String module, String function, JsonNode arguments) {
        ObjectNode request = Json.MAPPER.createObjectNode().put("op", "call").put("id", callId)
                .put("module", module).put("function", function);
        request.set("args", arguments == null || arguments.isNull() ? Json.MAPPER.createObjectNode() : arguments);
        return request;
    }

    private CallOutcome stoppedDuringCall(WorkerSlot slot, WorkerSlot.Exchange exchange, String function)
            throws SandboxException {
        slot.discard();
        ErrorInfo error;
        if (exchange.killedFor() == SandboxWorker.KillReason.TIMEOUT) {
            error = ErrorInfo.of("TimeoutError", "The function did not finish within " + settings.timeoutWords()
                    + " and was stopped.");
        } else if (exchange.killedFor() == SandboxWorker.KillReason.CANCELLED) {
            error = ErrorInfo.of("Cancelled", "The call to " + function + " was cancelled and stopped.");
        } else {
            error = ErrorInfo.of("SandboxError", "The sandbox stopped while running " + function
                    + stoppedBecause(exchange) + "; it was restarted.");
        }
        try {
            slot.ensureStarted();
        } catch (SandboxException e) {
            LOG.warn("The sandbox could not be restarted: {}", e.getMessage());
        }
        return CallOutcome.failure(error, "", exchange.elapsed());
    }

    /** Called by a slot right after its worker started: loads the approved modules. */
    private void loadModules(WorkerSlot slot) {
        modules.forEach((name, definition) -> {
            WorkerSlot.Exchange exchange = slot.requestRunning(defineRequest(name, definition.code()),
                    settings.timeout());
            if (exchange.stopped() || !exchange.reply().path("ok").asBoolean()) {
                LOG.warn("Module {} could not be loaded into a worker after its start", name);
            }
        });
    }

    /**
     * The worker replies as soon as a call's processes are killed; afterwards, before it reads its next request
     * (see worker.py), it reaps them and renames the data folder's names that are not UTF-8 (a walk of the
     * whole folder, kept off the call's path): any request answered means both are done. `settled` answers the
     * sentences about the renames.
     */
    @Override
    public List<String> awaitCallsEnded() {
        List<String> renamed = new ArrayList<>();
        // Only a worker that ran a call can have processes left; asking the idle ones would add a round trip each.
        for (WorkerSlot slot : unsettled) {
            unsettled.remove(slot);
            JsonNode reply = slot.requestIfRunning(Json.MAPPER.createObjectNode().put("op", "settled"),
                    settings.timeout());
            if (reply != null) {
                reply.path("renamed").forEach(note -> renamed.add(note.asText()));
            }
        }
        return renamed;
    }

    @Override
    public Isolation isolation() {
        return launcher.isolation(offline.ready());
    }

    /** Whether a limit on processes applies to the workers (see {@link PidsCgroup}). */
    public boolean processLimitEnforced() {
        return launcher.processLimitEnforced();
    }

    /** How long the most recent start of the offline worker took, up to its ready line. */
    public Duration lastWorkerStart() {
        return offline.lastStartTime();
    }

    /**
     * Waits until the offline worker has the process for its next call forked and waiting, as it has when a
     * call comes after a pause (for measurements); answers whether it has one.
     */
    public boolean awaitSpareProcess() throws SandboxException {
        WorkerSlot.Exchange exchange = offline.request(Json.MAPPER.createObjectNode().put("op", "ping"),
                settings.timeout(), null);
        return !exchange.stopped() && exchange.reply().path("spare").asBoolean();
    }

    /** Stops the offline worker so that the next call starts a fresh one (for measurements). */
    public void restartWorker() throws SandboxException {
        offline.discard();
        offline.ensureStarted();
    }

    /** The interpreter the workers run. */
    public Path pythonExecutable() {
        return launcher.python().executable();
    }

    /** Stops the workers; a call still running in another thread afterwards is refused, never given a new one. */
    @Override
    public void close() {
        closed = true;
        slots.values().forEach(WorkerSlot::discard);
        scheduler.shutdownNow();
    }

    private static void checkName(String module) throws SandboxException {
        if (module == null || !IDENTIFIER.matcher(module).matches()) {
            throw new SandboxException("The module name '" + module + "' is not a Python identifier; use letters,"
                    + " digits and underscores, not starting with a digit.");
        }
    }

    private static ObjectNode defineRequest(String module, String code) {
        return Json.MAPPER.createObjectNode().put("op", "define").put("module", module).put("code", code);
    }

    private static ObjectNode undefineRequest(String module) {
        return Json.MAPPER.createObjectNode().put("op", "undefine").put("module", module);
    }

    /** " because its reply was not JSON" for a worker killed over a bad reply, else nothing. */
    private static String stoppedBecause(WorkerSlot.Exchange exchange) {
        return exchange.killedFor() == SandboxWorker.KillReason.PROTOCOL ? " because " + exchange.problem() : "";
    }
}
