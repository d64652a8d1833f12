package io.toolsmith.sandbox;

import io.toolsmith.util.AtomicFiles;
import io.toolsmith.util.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker program compiled to Python bytecode, so that a worker's start only loads it. Compiling the worker's
 * source took about a fifth of each start's processor time (24 ms of ~110 ms), and a worker is started for every
 * sandbox that opens and after every call that fails or times out. The interpreter the workers run compiles it, once
 * per run of the app for each interpreter, script and file name the bytecode names (a traceback through the worker
 * shows that file, which is bound beside the bytecode). When it cannot be, the worker starts from its source as
 * before.
 */
final class WorkerBytecode {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerBytecode.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /**
     * Compiles the source on standard input as if it were at argv[2] and writes, to argv[1], the header of an
     * unchecked bytecode file (the magic number of this interpreter, then zeros: no source date or size is compared
     * when a file is run directly) and the code.
     */
    private static final String COMPILE = "import marshal, sys\n"
            + "from importlib.util import MAGIC_NUMBER\n"
            + "code = compile(sys.stdin.buffer.read(), sys.argv[2], 'exec', dont_inherit=True)\n"
            + "with open(sys.argv[1], 'wb') as f:\n"
            + "    f.write(MAGIC_NUMBER + bytes(12) + marshal.dumps(code))\n";

    private record Key(String executable, String version, String digest, String shownAs) {
    }

    private static final Map<Key, Optional<byte[]>> COMPILED = new ConcurrentHashMap<>();

    private WorkerBytecode() {
    }

    /**
     * The bytecode of {@code script} in {@code target}, written there unless it holds it already; empty when the
     * interpreter could not compile it.
     *
     * @param shownAs where the worker sees the source, which its tracebacks name
     */
    static Optional<Path> write(PythonInstallation python, byte[] script, String shownAs, Path target) {
        Key key = new Key(python.executable().toString(), python.version(), digest(script), shownAs);
        Optional<byte[]> bytecode = COMPILED.get(key);
        if (bytecode == null) {
            try {
                bytecode = compile(python, script, shownAs, target);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            COMPILED.putIfAbsent(key, bytecode);
        }
        if (bytecode.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (!Files.isRegularFile(target) || !Arrays.equals(Files.readAllBytes(target), bytecode.get())) {
                AtomicFiles.write(target, bytecode.get());
            }
            return Optional.of(target);
        } catch (IOException e) {
            LOG.info("The worker starts from its source: its bytecode could not be written to {} ({})", target,
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** The bytecode, or empty when this interpreter cannot compile the script (then it is not asked again). */
    private static Optional<byte[]> compile(PythonInstallation python, byte[] script, String shownAs, Path target)
            throws InterruptedException {
        Path out = target.resolveSibling(target.getFileName() + ".new");
        try {
            ProcessRunner.Result result = new ProcessRunner(python.executable().toString(), "-I", "-S", "-B", "-c",
                    COMPILE, out.toString(), shownAs).input(new String(script, StandardCharsets.UTF_8)).mergeErrors()
                    .timeout(TIMEOUT).run();
            if (!result.succeeded()) {
                LOG.info("The worker starts from its source: Python could not compile it{}",
                        result.timedOut() ? " in time" : " (" + lastLine(result.stdout()) + ")");
                return Optional.empty();
            }
            return Optional.of(Files.readAllBytes(out));
        } catch (IOException e) {
            LOG.info("The worker starts from its source: it could not be compiled ({})", e.getMessage());
            return Optional.empty();
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException e) {
                LOG.debug("Could not delete {}", out, e);
            }
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        return lines[lines.length - 1];
    }

    private static String digest(byte[] script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(script));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
