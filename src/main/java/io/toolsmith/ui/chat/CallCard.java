package io.toolsmith.ui.chat;

import io.toolsmith.agent.CallDecision;
import io.toolsmith.functions.Review;
import io.toolsmith.ui.code.CodeBlockView;
import io.toolsmith.ui.functions.FunctionLines;
import io.toolsmith.ui.functions.FunctionVerdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.InvalidationListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A {@code function_call} block shown as a card: the call as Python reads it, its live status (waiting for approval
 * / running for 3 s / done / error / refused / unknown function), and the result (foldable) once done.
 *
 * <p>While the call waits, the card shows what the decision is about: the question for this case (a function never
 * approved, one without a spec, an approved one that confirms each call), the arguments, the checks' verdict on the
 * function's current code, and that code, folded. Approve and run is never the default button nor accented, is
 * offered only once the code was opened here or Review was pressed, and Enter answers nothing: a decision is a
 * click (or Space on a focused button). The card listens to its {@link CallViewModel} only while it is in a scene,
 * so cards dropped by the list leak nothing. FX thread only.
 */
public final class CallCard extends VBox {
    private final CallViewModel call;
    private final ChatViewModel chat;
    private final Label signature = new Label();
    private final Label status = new Label();
    private final Label outcome = new Label();
    private final Label error = new Label();
    private final VBox decision = new VBox(6);
    private final Label question = new Label();
    private final Label decisionArguments = new Label();
    private final FunctionVerdict verdict = new FunctionVerdict();
    private final TitledPane code = new TitledPane();
    private final Label approveHint = new Label();
    private final Button review = new Button("Review");
    private final Map<CallDecision, Button> answers = new java.util.EnumMap<>(CallDecision.class);
    private final TitledPane result = new TitledPane();
    private final Executor highlightPool;
    private CodeBlockView resultCode;
    private CodeBlockView functionCode;
    private CallQuestion shownQuestion;
    private final InvalidationListener refresh = obs -> refresh();
    private final Timeline ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> refresh()));
    private CallText.WrittenCall written;

    public CallCard(CallText.WrittenCall written, CallViewModel call, ChatViewModel chat, Executor highlightPool) {
        super(6);
        this.call = call;
        this.chat = chat;
        this.written = written;
        this.highlightPool = highlightPool;
        setId("call-card");
        getStyleClass().addAll("card", "call-card");
        signature.getStyleClass().add("call-signature");
        signature.setWrapText(true);
        // wrapped labels in a list cell are otherwise squeezed to one elided line
        for (Label l : List.of(signature, outcome, error, question, decisionArguments, approveHint)) {
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.setWrapText(true);
        }
        status.setId("call-status");
        status.getStyleClass().add("call-status");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label kind = new Label("Function call");
        kind.getStyleClass().add("message-role");
        HBox header = new HBox(8, kind, spacer, status);

        outcome.setId("call-outcome");
        outcome.getStyleClass().add("call-outcome");
        error.setId("call-error");
        error.getStyleClass().add("call-status-error");

        getChildren().addAll(header, signature, decision(), outcome, error, result());
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

    private VBox decision() {
        question.setId("call-question");
        question.getStyleClass().add("call-question");
        decisionArguments.getStyleClass().add("call-signature");
        verdict.setId("call-verdict");
        code.setId("call-code");
        code.getStyleClass().add("call-code");
        // a title wider than the chat column must not widen the card past it (its other lines would be cut)
        code.setMinWidth(0);
        code.setAnimated(false);
        code.setExpanded(false);
        code.expandedProperty().addListener((obs, was, open) -> {
            if (open) {
                showFunctionCode();
                call.codeSeenProperty().set(true);
            }
        });
        review.setId("call-review");
        review.setOnAction(e -> {
            call.codeSeenProperty().set(true);
            fireEvent(new ReviewFunctionEvent(function()));
        });
        Button runOnce = answer("Run once", "call-run-once", CallDecision.RUN_ONCE);
        Button approve = answer("Approve and run", "call-approve-run", CallDecision.APPROVE_AND_RUN);
        // Never the default nor the accent, and only once the code was looked at: see docs/decisions/0012.
        approve.setDefaultButton(false);
        approve.disableProperty().bind(call.codeSeenProperty().not());
        Button deny = answer("Deny", "call-deny", CallDecision.DENY);
        FlowPane buttons = new FlowPane(6, 6, review, runOnce, approve, deny);
        buttons.setAlignment(Pos.CENTER_LEFT);
        approveHint.setId("call-approve-hint");
        approveHint.getStyleClass().add("call-hint");
        decision.getChildren().addAll(question, decisionArguments, verdict, code, buttons, approveHint);
        decision.setId("call-decision");
        // Enter must not answer a call, whatever has the focus in the card: no decision by a stray keystroke.
        decision.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
            }
        });
        return decision;
    }

    private TitledPane result() {
        result.setText("Result");
        result.setAnimated(false);
        result.setExpanded(true);
        result.setId("call-result");
        return result;
    }

    public String callId() {
        return call.callId();
    }

    /** The block grew or was rewritten while streaming. */
    public void setWritten(CallText.WrittenCall now) {
        this.written = now;
        refresh();
    }

    private Button answer(String text, String id, CallDecision choice) {
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
        call.questionProperty().addListener(refresh);
        call.codeSeenProperty().addListener(refresh);
        refresh();
    }

    private void unsubscribe() {
        call.statusProperty().removeListener(refresh);
        call.resultProperty().removeListener(refresh);
        call.errorProperty().removeListener(refresh);
        call.argumentsProperty().removeListener(refresh);
        call.choicesProperty().removeListener(refresh);
        call.questionProperty().removeListener(refresh);
        call.codeSeenProperty().removeListener(refresh);
        ticker.stop();
    }

    private String function() {
        return call.functionProperty().get().isEmpty() ? written.function() : call.functionProperty().get();
    }

    private void refresh() {
        Map<String, Object> args = call.argumentsProperty().get().isEmpty() ? written.arguments()
                : call.argumentsProperty().get();
        String function = function();
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
        // the question lists the arguments in full: the one-line signature above it would say them twice
        show(signature, !waiting);
        if (waiting) {
            showQuestion(function, args);
        }
        String err = call.errorProperty().get();
        boolean failed = err != null && !err.isBlank();
        String meaning = failed ? CallWording.outcome(now, function, err) : "";
        outcome.setText(meaning);
        show(outcome, !meaning.isEmpty());
        error.setText(failed ? err : "");
        show(error, failed);
        String res = call.resultProperty().get();
        boolean done = now == CallStatus.DONE && res != null;
        show(result, done);
        if (done) {
            if (resultCode == null) {
                // built on first use: most cards in a long history never show a live result
                resultCode = new CodeBlockView("json", CallText.prettyJson(res), highlightPool);
                result.setContent(resultCode);
            }
            resultCode.setCode("json", CallText.prettyJson(res));
        }
    }

    private void showQuestion(String function, Map<String, Object> args) {
        CallQuestion asked = call.questionProperty().get();
        question.setText(CallWording.question(function, asked));
        decisionArguments.setText(CallText.prettyArguments(args));
        // Only the answers the engine accepts for this function (no Approve without a spec, say).
        answers.forEach((choice, button) -> show(button, call.choicesProperty().get().contains(choice)));
        answers.get(CallDecision.RUN_ONCE).setText(CallWording.runOnce(asked));
        answers.get(CallDecision.DENY).setText(CallWording.deny(asked));
        boolean offered = call.choicesProperty().get().contains(CallDecision.APPROVE_AND_RUN);
        String hint = CallWording.approveHint(offered, call.codeSeenProperty().get());
        approveHint.setText(hint);
        show(approveHint, !hint.isEmpty());
        Review reviewed = asked == null ? null : asked.review();
        show(review, !function.isBlank() && reviewed != null);
        if (asked != shownQuestion) {
            shownQuestion = asked;
            verdict.show(reviewed);
            var lines = reviewed == null ? java.util.Optional.<FunctionLines>empty() : FunctionLines.of(reviewed);
            show(code, lines.isPresent());
            lines.ifPresent(l -> code.setText("Code of this function (lines " + l.first() + "–" + l.last() + ")"));
            if (code.isExpanded()) {
                showFunctionCode();
            }
        }
    }

    /** Just the called function's lines, highlighted; built when first opened, since most cards are never opened. */
    private void showFunctionCode() {
        Review reviewed = shownQuestion == null ? null : shownQuestion.review();
        String excerpt = reviewed == null ? "" : FunctionLines.of(reviewed).map(l -> l.excerpt(reviewed.code())).orElse("");
        if (functionCode == null) {
            functionCode = CodeBlockView.selectable("python", excerpt, highlightPool);
            functionCode.setId("call-function-code");
            code.setContent(functionCode);
        } else {
            functionCode.setCode("python", excerpt);
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
