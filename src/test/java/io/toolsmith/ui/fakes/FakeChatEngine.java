package io.toolsmith.ui.fakes;

import io.toolsmith.agent.CallDecision;
import io.toolsmith.ui.chat.ChatEngine;
import io.toolsmith.ui.chat.MessageRole;
import io.toolsmith.ui.chat.TurnEvent;
import io.toolsmith.ui.chat.TurnListener;
import io.toolsmith.ui.chat.TurnOutcome;
import io.toolsmith.ui.chat.TurnRequest;
import io.toolsmith.util.Cancellation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the language model behind the chat seam, for window tests that need hand-made
 * content: streams a scripted reply in small chunks from its own thread (as OkHttp would).
 * The flows over the real engine are tested with {@code FakeOllama} instead.
 */
public final class FakeChatEngine implements ChatEngine {
    public volatile String reply = "Hello from the fake model.";
    public volatile int chunkSize = 3;
    public volatile long chunkDelayMillis = 2;
    public final List<TurnRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Cancellation running;

    @Override
    public Cancellation send(TurnRequest request, TurnListener listener) {
        requests.add(request);
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
        while (!cancel.isCancelled() && i < text.length()) {
            int end = Math.min(text.length(), i + chunkSize);
            listener.on(new TurnEvent.TextDelta(text.substring(i, end)));
            i = end;
            pause();
        }
        if (cancel.isCancelled()) {
            listener.on(new TurnEvent.Finished(TurnOutcome.CANCELLED, null, 0));
        } else {
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

    @Override
    public void cancel(String conversationId) {
        Cancellation c = running;
        if (c != null) {
            c.cancel();
        }
    }

    @Override
    public void decide(String conversationId, String callId, CallDecision decision) {
        // the scripted replies make no calls
    }
}
