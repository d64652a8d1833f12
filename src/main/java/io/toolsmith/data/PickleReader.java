package io.toolsmith.data;

import java.io.EOFException;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads a pickle file into a {@link PyValue} tree without running any of its code (see {@link PyUnpickler}).
 * Every failure becomes a {@link PickleReadException} whose sentence names the file and the byte offset.
 * Each read has a {@link PickleBudget} of memory and time derived from the file's size and the size setting, so a
 * hostile file ends in seconds with a sentence instead of an OutOfMemoryError.
 * Thread-safe: each call uses its own unpickler.
 */
public final class PickleReader {
    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;
    private final long maxBytes;
    private final long memoryLimit;
    private final Duration timeLimit;

    public PickleReader() {
        this(DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes larger files are refused (the setting "largest data file shown", default 256 MiB) */
    public PickleReader(long maxBytes) {
        this(maxBytes, 0, null);
    }

    /** Fixed limits instead of those derived from the file (0 and null: derived). */
    PickleReader(long maxBytes, long memoryLimit, Duration timeLimit) {
        this.maxBytes = maxBytes;
        this.memoryLimit = memoryLimit;
        this.timeLimit = timeLimit;
    }

    /**
     * Reads the pickle file {@code file}, which is not in the data folder (a snapshot's copy, a file the user
     * named): only a regular file is opened, so a named pipe cannot make this wait.
     */
    public PyValue read(Path file) throws PickleReadException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] bytes;
        try {
            bytes = UserFiles.read(file, null, maxBytes, size -> name + " is " + mib(size) + ", more than the "
                    + mib(maxBytes) + " Toolsmith shows at once; raise the limit for large data files in Settings"
                    + " to open it.");
        } catch (UserFacingException e) {
            throw new PickleReadException(e.getMessage(), e);
        } catch (IOException e) {
            throw new PickleReadException(name + " could not be read (" + e.getMessage() + "); check that it is a file you may read.", e);
        }
        return read(name, bytes);
    }

    /** Reads pickle bytes; {@code name} is only used in the error sentence. */
    public PyValue read(String name, byte[] bytes) throws PickleReadException {
        ByteSource source = new ByteSource(bytes);
        PickleBudget budget = new PickleBudget(
                memoryLimit > 0 ? memoryLimit : PickleBudget.memoryLimit(bytes.length, maxBytes),
                timeLimit != null ? timeLimit : PickleBudget.timeLimit(bytes.length), System::nanoTime);
        PyUnpickler unpickler = new PyUnpickler(budget);
        try {
            if (bytes.length == 0) {
                throw new EOFException();
            }
            return unpickler.read(source);
        } catch (EOFException e) {
            throw failure(name, "unexpected end of data", bytes.length, e);
        } catch (CorruptPickleException e) {
            throw failure(name, e.getMessage(), unpickler.opcodeStart(), e);
        } catch (PickleBudget.Exceeded e) {
            throw tooMuch(name, e.getMessage(), unpickler.opcodeStart(), e);
        } catch (OutOfMemoryError e) {
            // Last resort, when the heap was already full of something else: the partial values are garbage now.
            throw tooMuch(name, "the memory left was not enough to read it", unpickler.opcodeStart(), e);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            String reason = e.getMessage() != null && e.getMessage().startsWith("invalid pickle opcode")
                    ? String.format("unknown opcode 0x%02x", bytes[unpickler.opcodeStart()] & 0xff)
                    : "corrupt data";
            if (e.getMessage() != null && e.getMessage().contains("expected") && source.position() >= bytes.length) {
                throw failure(name, "unexpected end of data", bytes.length, e);
            }
            throw failure(name, reason, unpickler.opcodeStart(), e);
        }
    }

    private static PickleReadException failure(String name, String reason, long offset, Throwable cause) {
        return new PickleReadException(name + " is not a readable pickle: " + reason + " at byte " + offset
                + ". It may be damaged or not a pickle; undo the last call if it wrote this file.", cause);
    }

    private static PickleReadException tooMuch(String name, String reason, long offset, Throwable cause) {
        return new PickleReadException(name + " was not shown: " + reason + " (stopped at byte " + offset
                + "). It may be damaged or made to exhaust the reader; undo the last call if it wrote this file.", cause);
    }

    private static String mib(long bytes) {
        return String.format("%.0f MiB", bytes / (1024.0 * 1024.0));
    }
}
