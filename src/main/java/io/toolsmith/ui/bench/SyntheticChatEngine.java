package io.toolsmith.ui.bench;

import io.toolsmith.ui.chat.CallDecision;
import io.toolsmith.ui.chat.ChatEngine;
import io.toolsmith.ui.chat.MessageRole;
import io.toolsmith.ui.chat.TurnEvent;
import io.toolsmith.ui.chat.TurnListener;
import io.toolsmith.ui.chat.TurnOutcome;
import io.toolsmith.ui.chat.TurnRequest;
import io.toolsmith.util.Cancellation;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator for {@code toolsmith bench ui}: streams a Markdown reply (text, a list, a growing
 * code block) at a fixed token rate for a fixed time, one listener call per token, from its own
 * thread, the way the Ollama client would. Not a model; it measures the window only.
 */
public final class SyntheticChatEngine implements ChatEngine, AutoCloseable {
    private static final String[] SCRIPT = (
            "Here is the plan . \n\n- read the file \n- sum the amounts \n- report by category \n\n"
            + "```python\ndef total ( rows ) :\n    return sum ( r [ \"amount\" ] for r in rows )\n```\n\n"
            + "The **total** is `300.0` and the largest category is Travel . ").split(" ");
    private final int tokensPerSecond;
    private final long durationMillis;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-stream");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong streamed = new AtomicLong();

    public SyntheticChatEngine(int tokensPerSecond, long durationMillis) {
        this.tokensPerSecond = tokensPerSecond;
        this.durationMillis = durationMillis;
    }

    public long tokensStreamed() {
        return streamed.get();
    }

    @Override
    public Cancellation send(TurnRequest request, TurnListener listener) {
        Cancellation cancel = new Cancellation();
        listener.on(new TurnEvent.MessageStarted(MessageRole.ASSISTANT));
        long start = System.nanoTime();
        int perTick = Math.max(1, tokensPerSecond / 200); // a tick every 5 ms
        long periodMicros = 1_000_000L * perTick / tokensPerSecond;
        long[] index = {0};
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        task[0] = timer.scheduleAtFixedRate(() -> {
            boolean over = System.nanoTime() - start >= durationMillis * 1_000_000L;
            if (cancel.isCancelled() || over) {
                double seconds = (System.nanoTime() - start) / 1e9;
                listener.on(new TurnEvent.Finished(cancel.isCancelled() ? TurnOutcome.CANCELLED : TurnOutcome.COMPLETED,
                        null, index[0] / seconds));
                task[0].cancel(false);
                return;
            }
            for (int i = 0; i < perTick; i++) {
                String token = SCRIPT[(int) (index[0]++ % SCRIPT.length)];
                listener.on(new TurnEvent.TextDelta(token.equals("\n") ? "\n" : token + " "));
                streamed.incrementAndGet();
            }
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        return cancel;
    }

    @Override
    public void cancel(String conversationId) {
        // the Cancellation returned by send stops the stream
    }

    @Override
    public void decide(String conversationId, String callId, CallDecision decision) {
        // the benchmark's calls never wait for a decision
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
