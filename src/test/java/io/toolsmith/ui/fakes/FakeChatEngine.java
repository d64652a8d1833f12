package io.toolsmith.ui.fakes;

import io.toolsmith.ui.chat.CallDecision;
import io.toolsmith.ui.chat.ChatEngine;
import io.toolsmith.ui.chat.MessageRole;
import io.toolsmith.ui.chat.TurnEvent;
import io.toolsmith.ui.chat.TurnListener;
import io.toolsmith.ui.chat.TurnOutcome;
import io.toolsmith.ui.chat.TurnRequest;
import io.toolsmith.util.Cancellation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Stands in for the language model behind the chat seam until the engine's adapter exists:
 * streams a scripted reply in small chunks from its own thread (as OkHttp would), or streams
 * until cancelled. Tests can also emit events to the running turn directly.
 */
public final class FakeChatEngine implements ChatEngine {
    public volatile String reply = "Hello from the fake model.";
    public volatile int chunkSize = 3;
    public volatile long chunkDelayMillis = 2;
    /** Stream until cancelled instead of finishing. */
    public volatile boolean endless;
    /** After the reply, keep the turn open; the test ends it with {@link #emit}. */
    public volatile boolean holdOpen;
    public volatile BiConsumer<String, CallDecision> onDecide = (id, d) -> { };
    public final List<TurnRequest> requests = new CopyOnWriteArrayList<>();
    public final List<String> decisions = new CopyOnWriteArrayList<>();
    private volatile TurnListener current;
    private volatile Cancellation running;

    @Override
    public Cancellation send(TurnRequest request, TurnListener listener) {
        requests.add(request);
        current = listener;
        Cancellation cancel = new Cancellation();
        running = cancel;
        Thread t = new Thread(() -> stream(listener, cancel), "fake-model");
        t.setDaemon(true);
        t.start();
        return cancel;
    }

    private void stream(TurnListener listener, Cancellation cancel) {
        listener.on(new TurnEvent.MessageStarted(MessageRole.ASSISTANT));
        String text = reply;
        int i = 0;
        while (!cancel.isCancelled() && (endless || i < text.length())) {
            int end = Math.min(text.length(), i + chunkSize);
            listener.on(new TurnEvent.TextDelta(endless ? "tok " : text.substring(i, end)));
            i = end;
            pause();
        }
        if (cancel.isCancelled()) {
            listener.on(new TurnEvent.Finished(TurnOutcome.CANCELLED, null, 0));
        } else if (!holdOpen) {
            listener.on(new TurnEvent.Finished(TurnOutcome.COMPLETED, null, 42.5));
        }
    }

    private void pause() {
        try {
            Thread.sleep(chunkDelayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends an event to the running turn, from the calling thread. */
    public void emit(TurnEvent event) {
        current.on(event);
    }

    @Override
    public void cancel(String conversationId) {
        Cancellation c = running;
        if (c != null) {
            c.cancel();
        }
    }

    @Override
    public void decide(String conversationId, String callId, CallDecision decision) {
        decisions.add(callId + ":" + decision);
        onDecide.accept(callId, decision);
    }
}
