package io.toolsmith.data;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What one read of a pickle may spend: an estimate of the memory its values take, and time. The pickle is written
 * by code the user approved but cannot vouch for, so a small file must not be able to claim gigabytes (30 MB of
 * empty-dict opcodes are 30 million dicts) or minutes. Estimates are per object, in bytes, close to what the JVM
 * really uses with compressed references; copies the reader makes are charged before they are made.
 * Not thread-safe: one per read.
 */
final class PickleBudget {
    static final long MIB = 1024L * 1024;
    /** Every file may use this much, however small it is (a million empty dicts are 2 MB of pickle and 60 MB here). */
    static final long MEMORY_FLOOR = 128 * MIB;
    /**
     * Records take about 5× their file, lists of small ints or pairs up to 11×; 16× leaves room without letting a
     * file claim the heap. Reaching the limit takes a few seconds: the collector copies everything made so far.
     */
    static final int MEMORY_PER_FILE_BYTE = 16;
    private static final int CLOCK_EVERY = 4096;

    private final long memoryLimit;
    private final long deadline;
    private final Duration timeLimit;
    private final LongSupplier nanoClock;
    private long memory;
    private int ticks;

    PickleBudget(long memoryLimit, Duration timeLimit, LongSupplier nanoClock) {
        this.memoryLimit = memoryLimit;
        this.timeLimit = timeLimit;
        this.nanoClock = nanoClock;
        this.deadline = nanoClock.getAsLong() + timeLimit.toNanos();
    }

    /**
     * The memory a file of {@code fileBytes} may use: 16× its size, at least 128 MiB, at most 4× the largest file
     * shown (the setting) and never more than half of this JVM's heap, so the window and the reader survive.
     */
    static long memoryLimit(long fileBytes, long maxFileBytes) {
        long bySize = Math.max(MEMORY_FLOOR, saturatedMultiply(fileBytes, MEMORY_PER_FILE_BYTE));
        long bySetting = Math.max(MEMORY_FLOOR, saturatedMultiply(maxFileBytes, 4));
        // Half the heap: the window and the values already shown need the rest.
        return Math.min(Math.min(bySize, bySetting), Runtime.getRuntime().maxMemory() / 2);
    }

    /** Ten seconds, plus one for every 8 MiB: a million records (50 MB) read in about two on a busy machine. */
    static Duration timeLimit(long fileBytes) {
        return Duration.ofSeconds(10 + fileBytes / (8 * MIB));
    }

    /** Accounts for {@code bytes} about to be allocated; throws when the read would go over its memory limit. */
    void charge(long bytes) {
        memory += bytes;
        if (memory > memoryLimit) {
            throw new Exceeded("its values would need more than " + mib(memoryLimit)
                    + " of memory, far more than a file of its size should");
        }
    }

    /** Called once per opcode; looks at the clock every few thousand. */
    void tick() {
        if (++ticks == CLOCK_EVERY) {
            ticks = 0;
            if (nanoClock.getAsLong() - deadline >= 0) {
                throw new Exceeded("reading it took longer than " + timeLimit.toSeconds() + " seconds");
            }
        }
    }

    long charged() {
        return memory;
    }

    static String mib(long bytes) {
        return String.format("%,d MiB", Math.round(bytes / (double) MIB));
    }

    private static long saturatedMultiply(long a, int b) {
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    /** A limit was reached; {@link PickleReader} adds the file and the byte. */
    static final class Exceeded extends RuntimeException {
        Exceeded(String reason) {
            super(reason, null, false, false);
        }
    }
}
