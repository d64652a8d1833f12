package io.toolsmith.ui.engine;

import io.toolsmith.app.Engine;
import io.toolsmith.functions.CallPermit;
import io.toolsmith.mcp.AskPolicyConfirmation;
import io.toolsmith.mcp.ExecutorLock;
import io.toolsmith.mcp.LocalCalls;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's side of {@code toolsmith mcp}: while the window is open it holds the home's executor lock and answers
 * on the home's socket, so calls from MCP hosts run here, show in the Activity tab, and functions set to ask are
 * confirmed in a dialog. When another process holds the lock already (a {@code toolsmith mcp} that ran calls before
 * the window opened), that one keeps running them.
 */
public final class WindowMcpCalls implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WindowMcpCalls.class);
    static final ButtonType RUN = new ButtonType("Run", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType DONT_RUN = new ButtonType("Don't run", ButtonBar.ButtonData.CANCEL_CLOSE);

    private final ExecutorLock lock;

    private WindowMcpCalls(ExecutorLock lock) {
        this.lock = lock;
    }

    /** Starts answering MCP calls for the engine's home; empty when another process already does. */
    public static Optional<WindowMcpCalls> start(Engine engine) {
        try {
            Optional<ExecutorLock> taken = ExecutorLock.tryTake(engine.home());
            if (taken.isEmpty()) {
                LOG.info("Another Toolsmith process runs this home's MCP calls; they do not show in this window.");
                return Optional.empty();
            }
            taken.get().serve(new LocalCalls(engine, WindowMcpCalls::confirm));
            return Optional.of(new WindowMcpCalls(taken.get()));
        } catch (IOException e) {
            LOG.warn("MCP calls cannot be handed to this window: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Asks in a dialog; called on a socket thread, which waits for the answer. */
    private static boolean confirm(String client, CallPermit permit) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                Alert alert = new Alert(Alert.AlertType.CONFIRMATION, permit.question() + "\n\nAsked by " + client
                        + " over MCP.", RUN, DONT_RUN);
                alert.setTitle("Toolsmith");
                alert.setHeaderText("Run " + permit.function() + "?");
                alert.getDialogPane().setId("mcp-confirmation");
                answer.complete(alert.showAndWait().filter(RUN::equals).isPresent());
            } catch (RuntimeException e) {
                answer.complete(false);
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    @Override
    public void close() {
        lock.close();
    }
}
