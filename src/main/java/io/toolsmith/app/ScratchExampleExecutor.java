package io.toolsmith.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.data.DataQuota;
import io.toolsmith.data.DataQuotaException;
import io.toolsmith.data.DataTree;
import io.toolsmith.data.HandleReader;
import io.toolsmith.data.TreeEntry;
import io.toolsmith.functions.ExampleExecutor;
import io.toolsmith.functions.ExampleResult;
import io.toolsmith.sandbox.CallOutcome;
import io.toolsmith.sandbox.Sandbox;
import io.toolsmith.sandbox.SandboxSettings;
import io.toolsmith.sandbox.Sandboxes;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a function's examples before approval in a sandbox of its own whose data folder is a copy of the
 * real one: the user sees real results and the real data is never touched. The copy is made through
 * {@link DataTree}: regular files and folders only; links, pipes, sockets and devices are skipped and named in
 * {@link #skipped()}; a folder over the data quota is not copied. Everything is deleted on close.
 */
public final class ScratchExampleExecutor implements ExampleExecutor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScratchExampleExecutor.class);

    private final SandboxSettings settings;
    private final Path realData;
    private final DataQuota quota;
    private final List<String> notes = new ArrayList<>();
    private Path scratch;
    private Sandbox sandbox;
    private final Map<String, String> defined = new HashMap<>();

    public ScratchExampleExecutor(SandboxSettings settings, Path realData) {
        this(settings, realData, DataQuota.defaults());
    }

    public ScratchExampleExecutor(SandboxSettings settings, Path realData, DataQuota quota) {
        this.settings = settings;
        this.realData = realData;
        this.quota = quota;
    }

    /** What the copy left out, one sentence each (links and special files), once the first example ran. */
    @Override
    public List<String> skipped() {
        return List.copyOf(notes);
    }

    @Override
    public ExampleResult run(String module, String code, String function, JsonNode arguments) throws Exception {
        Sandbox box = sandbox();
        if (!code.equals(defined.get(module))) {
            box.define(module, code, false);
            defined.put(module, code);
        }
        CallOutcome outcome = box.call("try-" + function, module, function, arguments, new Cancellation());
        return outcome.ok()
                ? new ExampleResult(true, outcome.result(), null, null)
                : new ExampleResult(false, null, outcome.error().name(), outcome.error().message());
    }

    private Sandbox sandbox() throws Exception {
        if (sandbox == null) {
            scratch = Files.createTempDirectory("toolsmith-try");
            Path data = scratch.resolve("data");
            copyTree(new DataTree(realData), data);
            sandbox = Sandboxes.open(settings, data, scratch.resolve("work"));
        }
        return sandbox;
    }

    private void copyTree(DataTree tree, Path to) throws IOException, UserFacingException {
        Files.createDirectories(to);
        tree.lock().lock(); // no call changes the real folder while it is copied
        try {
            DataTree.Listing listing = tree.walk();
            Optional<String> excess = quota.excess(listing);
            if (excess.isPresent()) {
                throw new DataQuotaException("The examples were not run: " + excess.get() + ", too much to copy."
                        + " Remove files from " + tree.root() + " first.");
            }
            if (listing.entries().isEmpty()) {
                return; // nothing to copy, also when no function has made the data folder yet
            }
            // Files are opened through folder handles: a folder swapped for a link meanwhile is never read through.
            try (HandleReader reader = HandleReader.open(tree)) {
                copyEntries(reader, tree, listing, to);
            }
        } finally {
            tree.lock().unlock();
        }
    }

    private void copyEntries(HandleReader reader, DataTree tree, DataTree.Listing listing, Path to)
            throws IOException, UserFacingException {
        for (TreeEntry e : listing.sorted()) {
            switch (e.kind()) {
                case DIRECTORY -> Files.createDirectory(target(to, e.path()));
                case FILE -> copyFile(reader, e, target(to, e.path()));
                case LINK -> skipped(tree, e, "a link to " + io.toolsmith.data.DataNames.display(e.target()));
                default -> skipped(tree, e, "a " + e.kind().words());
            }
        }
    }

    private void skipped(DataTree tree, TreeEntry e, String what) {
        String note = tree.shown(e.path()) + " is " + what + "; the copy the examples ran on leaves it out.";
        notes.add(note);
        LOG.info(note);
    }

    /** Copies at most the size the walk saw: a file that grows meanwhile cannot make the copy unbounded. */
    private static void copyFile(HandleReader reader, TreeEntry e, Path target)
            throws IOException, UserFacingException {
        try (FileChannel in = reader.open(e);
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                     LinkOption.NOFOLLOW_LINKS)) {
            long done = 0;
            while (done < e.size()) {
                long n = in.transferTo(done, e.size() - done, out);
                if (n <= 0) {
                    break;
                }
                done += n;
            }
        }
    }

    /** The copy's path for {@code path}: one element at a time, as the names are (a '\' is just a character). */
    private static Path target(Path to, String path) {
        Path out = to;
        for (String name : path.split("/")) {
            out = out.resolve(name);
        }
        return out;
    }

    @Override
    public void close() {
        if (sandbox != null) {
            sandbox.close();
        }
        if (scratch != null) {
            try (var paths = Files.walk(scratch)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                LOG.warn("The scratch folder {} could not be removed: {}", scratch, e.getMessage());
            }
        }
    }
}
