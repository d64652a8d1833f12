package io.toolsmith.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FxCoalescerTest {
    private final ConcurrentLinkedQueue<Runnable> queued = new ConcurrentLinkedQueue<>();
    private final List<List<Integer>> batches = new ArrayList<>();
    private final FxCoalescer<Integer> coalescer = new FxCoalescer<>(queued::add, batches::add);

    @Test
    void manyPostsQueueOneDrainAndArriveInOrder() {
        IntStream.range(0, 1000).forEach(coalescer::post);
        assertEquals(1, queued.size());
        queued.poll().run();
        assertEquals(1, batches.size());
        assertEquals(IntStream.range(0, 1000).boxed().toList(), batches.get(0));
    }

    @Test
    void aPostAfterTheDrainQueuesTheNextOne() {
        coalescer.post(1);
        queued.poll().run();
        coalescer.post(2);
        coalescer.post(3);
        assertEquals(1, queued.size());
        queued.poll().run();
        assertEquals(List.of(List.of(1), List.of(2, 3)), batches);
    }

    @Test
    void postsFromManyThreadsAreAllDeliveredWithAtMostOnePendingDrain() throws Exception {
        int threads = 4;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int base = t * 10_000;
            new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    coalescer.post(base + i);
                }
                done.countDown();
            }).start();
        }
        int drains = 0;
        while (done.getCount() > 0 || !queued.isEmpty()) {
            Runnable r = queued.poll();
            if (r != null) {
                assertEquals(0, queued.size(), "never more than one drain pending");
                r.run();
                drains++;
            }
        }
        long delivered = batches.stream().mapToLong(List::size).sum();
        assertEquals(40_000, delivered);
        assertEquals(drains, batches.size());
    }
}
