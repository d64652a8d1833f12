package io.toolsmith.ui;

import java.util.function.BooleanSupplier;

/** Waits for background work in view-model tests (no toolkit, so no FX event queue to drain). */
public final class Eventually {
    private Eventually() {
    }

    public static void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
