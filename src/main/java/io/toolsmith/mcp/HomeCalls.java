package io.toolsmith.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.app.Engine;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One executor per home: a call runs here when this process holds the home's executor lock, else it is handed to
 * the holder over the socket (the window: the call shows in its Activity and ask-policy functions are confirmed
 * there). When nobody holds the lock any more (the window was closed), this process takes it and runs headless.
 */
public final class HomeCalls implements CallExecutor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HomeCalls.class);

    private final Engine engine;
    private final SocketCalls socket;
    private ExecutorLock lock;
    private LocalCalls local;

    public HomeCalls(Engine engine) {
        this.engine = engine;
        this.socket = new SocketCalls(ExecutorLock.socketPath(engine.home()));
    }

    @Override
    public CallReply call(String client, String function, ObjectNode arguments) {
        Optional<CallExecutor> here = localIfHeld();
        if (here.isPresent()) {
            return here.get().call(client, function, arguments);
        }
        SocketChannel channel;
        try {
            channel = socket.connect();
        } catch (IOException e) {
            // Nobody listens: the holder is gone or is just starting. Take the lock if it is free.
            Optional<CallExecutor> taken = takeLock();
            return taken.isPresent() ? taken.get().call(client, function, arguments)
                    : CallReply.refused("ExecutorUnavailableError", "Another Toolsmith process runs this home's "
                    + "calls but does not answer, so " + function + " was not run. Try again in a moment; if it "
                    + "persists, close the other Toolsmith window or 'toolsmith mcp' and try again.");
        }
        try (channel) {
            return socket.call(channel, client, function, arguments);
        } catch (IOException e) {
            // Sent, so it may have run: not run again here.
            return CallReply.refused("ExecutorUnavailableError", "The Toolsmith process running this home's calls "
                    + "stopped before it answered (" + e.getMessage() + "), so it is not known whether " + function
                    + " ran. Check the Activity tab or activity.jsonl before calling it again.");
        }
    }

    /** Whether this process runs the home's calls itself (it holds the lock). */
    public synchronized boolean headless() {
        return lock != null;
    }

    private synchronized Optional<CallExecutor> localIfHeld() {
        return lock == null ? Optional.empty() : Optional.of(local);
    }

    /** Takes the lock when free and then answers other processes too; empty when someone else holds it. */
    public synchronized Optional<CallExecutor> takeLock() {
        if (lock != null) {
            return Optional.of(local);
        }
        try {
            Optional<ExecutorLock> taken = ExecutorLock.tryTake(engine.home());
            if (taken.isEmpty()) {
                return Optional.empty();
            }
            lock = taken.get();
        } catch (IOException e) {
            LOG.warn("The home's executor lock could not be taken: {}", e.getMessage());
            return Optional.empty();
        }
        local = new LocalCalls(engine, AskPolicyConfirmation.HEADLESS);
        try {
            lock.serve(local);
        } catch (IOException e) {
            LOG.warn("Other Toolsmith processes cannot hand calls to this one: {}", e.getMessage());
        }
        return Optional.of(local);
    }

    @Override
    public synchronized void close() {
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }
}
