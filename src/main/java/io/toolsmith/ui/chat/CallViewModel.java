package io.toolsmith.ui.chat;

import io.toolsmith.agent.CallDecision;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The live state of one function call, shared by every card that shows it. Created when the
 * card or the first event needs it, whichever comes first. FX thread only.
 */
public final class CallViewModel {
    private final String callId;
    private final StringProperty function = new SimpleStringProperty(this, "function", "");
    private final ObjectProperty<Map<String, Object>> arguments = new SimpleObjectProperty<>(this, "arguments", Map.of());
    /** {@code null} until the engine reports on the call (the model only wrote it so far). */
    private final ObjectProperty<CallStatus> status = new SimpleObjectProperty<>(this, "status");
    private final StringProperty result = new SimpleStringProperty(this, "result");
    private final StringProperty error = new SimpleStringProperty(this, "error");
    private final ObjectProperty<Set<CallDecision>> choices = new SimpleObjectProperty<>(this, "choices", Set.of());
    private final ObjectProperty<CallQuestion> question = new SimpleObjectProperty<>(this, "question");
    private final BooleanProperty codeSeen = new SimpleBooleanProperty(this, "codeSeen");
    private long runningSinceNanos;

    public CallViewModel(String callId) {
        this.callId = callId;
    }

    public String callId() {
        return callId;
    }

    public StringProperty functionProperty() {
        return function;
    }

    public ObjectProperty<Map<String, Object>> argumentsProperty() {
        return arguments;
    }

    public ObjectProperty<CallStatus> statusProperty() {
        return status;
    }

    public StringProperty resultProperty() {
        return result;
    }

    public StringProperty errorProperty() {
        return error;
    }

    /** The answers the engine accepts while the call waits for the user; empty otherwise. */
    public ObjectProperty<Set<CallDecision>> choicesProperty() {
        return choices;
    }

    /** What the call waits for, with the function's code and checks; null unless it waits. */
    public ObjectProperty<CallQuestion> questionProperty() {
        return question;
    }

    /**
     * Whether the user opened the function's code on the card or its review in the Functions tab: only then is
     * Approve and run offered, so a function is never approved from its arguments alone.
     */
    public BooleanProperty codeSeenProperty() {
        return codeSeen;
    }

    /** When the call started running (System.nanoTime), for the elapsed time on the card. */
    public long runningSinceNanos() {
        return runningSinceNanos;
    }

    /** Applies a call's new state (from a running turn, or from a saved chat). FX thread only. */
    public void apply(TurnEvent.CallUpdate update) {
        if (update.function() != null && !update.function().isBlank()) {
            function.set(update.function());
        }
        if (update.arguments() != null && !update.arguments().isEmpty()) {
            arguments.set(new LinkedHashMap<>(update.arguments()));
        }
        if (update.status() == CallStatus.RUNNING && status.get() != CallStatus.RUNNING) {
            runningSinceNanos = System.nanoTime();
        }
        result.set(update.result());
        error.set(update.error());
        choices.set(update.choices());
        question.set(update.question());
        status.set(update.status());
    }
}
