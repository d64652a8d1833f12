package io.toolsmith.ui.chat;

import io.toolsmith.agent.CallDecision;
import io.toolsmith.ui.code.CodeBlockView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.InvalidationListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A {@code function_call} block shown as a card: the call as Python reads it, its live status
 * (waiting for approval / running for 3 s / done / error / refused), the decision buttons when the
 * function is not approved, and the result (foldable) once done. The card listens to its
 * {@link CallViewModel} only while it is in a scene, so cards dropped by the list leak nothing.
 * FX thread only.
 */
public final class CallCard extends VBox {
    private final CallViewModel call;
    private final ChatViewModel chat;
    private final Label signature = new Label();
    private final Label status = new Label();
    private final Label error = new Label();
    private final VBox decision = new VBox(6);
    private final Label decisionArguments = new Label();
    private final Map<CallDecision, Button> answers = new java.util.EnumMap<>(CallDecision.class);
    private final TitledPane result = new TitledPane();
    private final Executor highlightPool;
    private CodeBlockView resultCode;
    private final InvalidationListener refresh = obs -> refresh();
    private final Timeline ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> refresh()));
    private CallText.WrittenCall written;

    public CallCard(CallText.WrittenCall written, CallViewModel call, ChatViewModel chat, Executor highlightPool) {
        super(6);
        this.call = call;
        this.chat = chat;
        this.written = written;
        setId("call-card");
        getStyleClass().addAll("card", "call-card");
        signature.getStyleClass().add("call-signature");
        signature.setWrapText(true);
        // wrapped labels in a list cell are otherwise squeezed to one elided line
        for (Label l : List.of(signature, error, decisionArguments)) {
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        status.setId("call-status");
        status.getStyleClass().add("call-status");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label kind = new Label("Function call");
        kind.getStyleClass().add("message-role");
        HBox header = new HBox(8, kind, spacer, status);

        error.getStyleClass().add("call-status-error");
        error.setWrapText(true);

        decisionArguments.getStyleClass().add("call-signature");
        decisionArguments.setWrapText(true);
        Button runOnce = button("Run once", "call-run-once", CallDecision.RUN_ONCE);
        Button approve = button("Approve and run", "call-approve-run", CallDecision.APPROVE_AND_RUN);
        approve.getStyleClass().add("accent");
        Button deny = button("Deny", "call-deny", CallDecision.DENY);
        Label question = new Label("This function is not approved. Run it with these arguments?");
        question.setWrapText(true);
        decision.getChildren().addAll(question, decisionArguments, new HBox(6, runOnce, approve, deny));
        decision.setId("call-decision");

        this.highlightPool = highlightPool;
        result.setText("Result");
        result.setAnimated(false);
        result.setExpanded(true);
        result.setId("call-result");

        getChildren().addAll(header, signature, decision, error, result);
        ticker.setCycleCount(Timeline.INDEFINITE);
        sceneProperty().addListener((obs, old, now) -> {
            if (now == null) {
                unsubscribe();
            } else if (old == null) {
                subscribe();
            }
        });
        refresh();
    }

    public String callId() {
        return call.callId();
    }

    /** The block grew or was rewritten while streaming. */
    public void setWritten(CallText.WrittenCall now) {
        this.written = now;
        refresh();
    }

    private Button button(String text, String id, CallDecision choice) {
        Button b = new Button(text);
        answers.put(choice, b);
        b.setId(id);
        b.setOnAction(e -> chat.decide(call.callId(), choice));
        return b;
    }

    private void subscribe() {
        call.statusProperty().addListener(refresh);
        call.resultProperty().addListener(refresh);
        call.errorProperty().addListener(refresh);
        call.argumentsProperty().addListener(refresh);
        call.choicesProperty().addListener(refresh);
        refresh();
    }

    private void unsubscribe() {
        call.statusProperty().removeListener(refresh);
        call.resultProperty().removeListener(refresh);
        call.errorProperty().removeListener(refresh);
        call.argumentsProperty().removeListener(refresh);
        call.choicesProperty().removeListener(refresh);
        ticker.stop();
    }

    private void refresh() {
        Map<String, Object> args = call.argumentsProperty().get().isEmpty() ? written.arguments()
                : call.argumentsProperty().get();
        String function = call.functionProperty().get().isEmpty() ? written.function() : call.functionProperty().get();
        signature.setText(CallText.signature(function, args));
        CallStatus now = call.statusProperty().get();
        status.getStyleClass().removeIf(c -> c.startsWith("call-status-"));
        if (now == null) {
            status.setText("");
        } else {
            status.getStyleClass().add(now.styleClass());
            status.setText(now == CallStatus.RUNNING ? "running · " + elapsed() : now.label());
        }
        if (now == CallStatus.RUNNING && getScene() != null) {
            ticker.play();
        } else {
            ticker.stop();
        }
        boolean waiting = now == CallStatus.WAITING_FOR_APPROVAL;
        show(decision, waiting);
        if (waiting) {
            decisionArguments.setText(CallText.prettyArguments(args));
            // Only the answers the engine accepts for this function (no Approve without a spec, say).
            answers.forEach((choice, button) -> show(button, call.choicesProperty().get().contains(choice)));
        }
        String err = call.errorProperty().get();
        error.setText(err == null ? "" : err);
        show(error, err != null && !err.isBlank());
        String res = call.resultProperty().get();
        boolean done = now == CallStatus.DONE && res != null;
        show(result, done);
        if (done) {
            if (resultCode == null) {
                // built on first use: most cards in a long history never show a live result
                resultCode = new CodeBlockView("json", res, highlightPool);
                result.setContent(resultCode);
            }
            resultCode.setCode("json", res);
        }
    }

    private String elapsed() {
        long seconds = Duration.ofNanos(System.nanoTime() - call.runningSinceNanos()).toSeconds();
        return seconds < 60 ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
    }

    private static void show(javafx.scene.Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }
}
