package io.toolsmith.ui.bench;

import io.toolsmith.agent.CallDecision;
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
    /** About 330 tokens per cycle: prose, a list, and one short code block, like a typical answer. */
    private static final String[] SCRIPT = (
            "I looked at the expenses you recorded this month and grouped them by category so the totals are easy "
            + "to compare . Travel is the largest share because of the train tickets to Lyon and the hotel , while "
            + "food stays close to what you spent last month . Office costs are small and mostly one purchase . "
            + "\n\nHere is what I did , step by step , so you can check it : \n\n- read the file with the recorded "
            + "expenses \n- sum the amounts for each category \n- sort the categories by their total \n- report the "
            + "three largest ones with their share of the month \n\nIf you want to repeat this later , the function "
            + "below does the same work on any list of rows , and you can approve it in the side panel once you have "
            + "read it . It only reads the data you give it and keeps nothing . \n\n```python\ndef totals ( rows ) :"
            + "\n    result = { }\n    for row in rows :\n        key = row [ \"category\" ]\n        result [ key ] "
            + "= result . get ( key , 0 ) + row [ \"amount\" ]\n    return dict ( sorted ( result . items ( ) ) )\n```"
            + "\n\nThe **total** for travel is `300.0` , which is about half of everything you spent . Food comes "
            + "next with `42.5` , and office costs are `9.99` . Compared with last month , travel went up because of "
            + "the trip , and everything else stayed about the same . If you tell me your budget for each category , "
            + "I can write a function that warns you when a new expense goes over it , and keep the limits in a small "
            + "data file next to the expenses . \n\n").split(" ");
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
