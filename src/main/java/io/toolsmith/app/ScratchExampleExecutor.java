package io.toolsmith.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.data.DataChanges;
import io.toolsmith.data.DataQuota;
import io.toolsmith.data.DataQuotaException;
import io.toolsmith.data.DataTree;
import io.toolsmith.data.HandleReader;
import io.toolsmith.data.TreeEntry;
import io.toolsmith.functions.ExampleExecutor;
import io.toolsmith.functions.ExampleResult;
import io.toolsmith.sandbox.CallOutcome;
import io.toolsmith.sandbox.Grant;
import io.toolsmith.sandbox.Sandbox;
import io.toolsmith.sandbox.SandboxSettings;
import io.toolsmith.sandbox.Sandboxes;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a function's examples in a sandbox of their own whose data folder is a copy of the real one: the user sees
 * real results and what each call did to the data, and the real data is never touched.
 *
 * <p>The real folder is copied once, through {@link DataTree} and folder handles, under the folder lock and within
 * the data quota: regular files and folders only; links, pipes, sockets and devices are skipped and named in
 * {@link #skipped()}. Each example then runs on a fresh copy of that copy, so every example sees the data as it is
 * now, whatever the examples before it wrote: an example's expected result is written against the user's data, not
 * against what other examples left, and the order of the examples does not matter. Each call runs with the grant a
 * real call gets, so a function not approved to write data finds its copy read-only. Everything is deleted on close.
 */
public final class ScratchExampleExecutor implements ExampleExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(ScratchExampleExecutor.class);

    private final SandboxSettings settings;
    private final Path realData;
    private final DataQuota quota;
    /** Where the scratch folder is made; null for the system's temporary folder. */
    private final Path scratchParent;
    private final List<String> notes = new ArrayList<>();
    private Path scratch;
    private DataTree original;
    private Exception copyFailure;
    private Sandbox sandbox;
    private final Map<String, String> defined = new HashMap<>();
    private int examples;

    public ScratchExampleExecutor(SandboxSettings settings, Path realData) {
        this(settings, realData, DataQuota.defaults());
    }

    public ScratchExampleExecutor(SandboxSettings settings, Path realData, DataQuota quota) {
        this(settings, realData, quota, null);
    }

    /** As above, with the scratch folder made in {@code scratchParent} (created when missing). */
    public ScratchExampleExecutor(SandboxSettings settings, Path realData, DataQuota quota, Path scratchParent) {
        this.settings = settings;
        this.realData = realData;
        this.quota = quota;
        this.scratchParent = scratchParent;
    }

    /** What the copy left out, one sentence each (links and special files), once the first example ran. */
    @Override
    public List<String> skipped() {
        return List.copyOf(notes);
    }

    @Override
    public ExampleResult run(String module, String code, String function, JsonNode arguments, Grant grant)
            throws Exception {
        return run(module, code, function, arguments, grant, new Cancellation());
    }

    /**
     * Runs one example; when {@code cancel} fires, the sandbox kills the call's processes at once (it does not wait
     * for them to finish) and the result is the error {@code Cancelled}. What a cancelled call left in the copy is
     * not read: {@link #close} removes it all.
     */
    @Override
    public ExampleResult run(String module, String code, String function, JsonNode arguments, Grant grant,
                             Cancellation cancel) throws Exception {
        DataTree copy = original();
        Path data = scratch.resolve("data");
        if (examples++ > 0) {
            emptyFolder(data); // what the example before left, whatever it is (links are removed, not followed)
        }
        copyOwn(copy.root(), data);
        DataTree work = new DataTree(data, quota.maxFiles() + 1);
        DataTree.Listing before = work.walk();
        Sandbox box = sandbox(data);
        if (!code.equals(defined.get(module))) {
            box.define(module, code, false);
            defined.put(module, code);
        }
        CallOutcome outcome = box.call("try-" + function + "-" + examples, module, function, arguments, grant,
                cancel);
        if (cancel.isCancelled()) {
            return ExampleResult.failure("Cancelled", "The examples were cancelled while " + function + " ran.");
        }
        // What the call did to the copy is complete only once its processes are gone.
        box.awaitCallsEnded();
        ExampleResult result = outcome.ok()
                ? new ExampleResult(true, outcome.result(), null, null)
                : new ExampleResult(false, null, outcome.error().name(), outcome.error().message());
        return result.withChanges(new DataChanges(quota).between(copy, before, work));
    }

    /**
     * One sandbox for every example, bound to the same folder, which is emptied and filled again from the original
     * copy before each: every call is a process of its own (0008), so nothing but that folder could carry over,
     * and a worker is started once per grant rather than once per example.
     */
    private Sandbox sandbox(Path data) throws Exception {
        if (sandbox == null) {
            sandbox = Sandboxes.open(settings, data, scratch.resolve("work"));
        }
        return sandbox;
    }

    /**
     * By path, not through {@link DataTree}: this is the scratch copy, and it is emptied only between examples, after
     * the previous call's processes are gone ({@code awaitCallsEnded}, or a worker that failed and was killed with
     * its namespace), so nothing swaps an entry after it was checked. Links are removed, never followed.
     */
    private static void emptyFolder(Path folder) throws IOException {
        // The call may have taken the folder's own permissions away; it stays, being what the sandbox binds.
        folder.toFile().setReadable(true, true);
        folder.toFile().setWritable(true, true);
        folder.toFile().setExecutable(true, true);
        try (var children = Files.list(folder)) {
            for (Path child : children.toList()) {
                delete(child);
            }
        }
        try (var left = Files.list(folder)) {
            if (left.findAny().isPresent()) {
                throw new IOException("the copy of the data folder could not be emptied for the next example");
            }
        }
    }

    /**
     * The copy of the real data folder every example starts from, made on first use. A copy that failed (over the
     * quota, a folder that cannot be listed) fails every example with the same sentence, without trying again.
     */
    private DataTree original() throws Exception {
        if (copyFailure != null) {
            throw copyFailure;
        }
        if (original == null) {
            if (scratchParent == null) {
                scratch = Files.createTempDirectory("toolsmith-try");
            } else {
                Files.createDirectories(scratchParent);
                scratch = Files.createTempDirectory(scratchParent, "try");
            }
            Path data = scratch.resolve("original");
            try {
                copyTree(new DataTree(realData), data);
            } catch (Exception e) {
                copyFailure = e;
                throw e;
            }
            original = new DataTree(data, quota.maxFiles() + 1);
        }
        return original;
    }

    /**
     * Copies the original copy, which holds only the regular files and folders this class made, for one example.
     * Links are not followed should one be there anyway.
     */
    private static void copyOwn(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from)) {
                    Files.createDirectory(to.resolve(from.relativize(dir).toString()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }
        });
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

    /**
     * Removes what runs that never closed (the app was killed meanwhile) left in {@code scratchParent}; call it only
     * while no run uses that folder.
     */
    public static void removeLeftovers(Path scratchParent) {
        if (Files.isDirectory(scratchParent, LinkOption.NOFOLLOW_LINKS)) {
            try (var children = Files.list(scratchParent)) {
                children.forEach(ScratchExampleExecutor::delete);
            } catch (IOException e) {
                LOG.warn("The scratch folders in {} could not be listed: {}", scratchParent, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        if (sandbox != null) {
            sandbox.close();
        }
        if (scratch != null) {
            delete(scratch);
        }
    }

    /**
     * Removes a scratch folder. A call may have left folders without write or search permission, which would keep
     * their contents: they are opened up first (links are never followed, so nothing outside is touched). By path:
     * it runs after the sandbox was closed or between examples, when no process of a call is left to swap a folder
     * that was checked for a link.
     */
    private static void delete(Path folder) {
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    dir.toFile().setWritable(true, true);
                    dir.toFile().setExecutable(true, true);
                    dir.toFile().setReadable(true, true);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                        // A folder that could not be listed: opened up, then removed with its contents.
                        file.toFile().setReadable(true, true);
                        file.toFile().setExecutable(true, true);
                        file.toFile().setWritable(true, true);
                        if (Files.isReadable(file)) {
                            delete(file);
                            return FileVisitResult.CONTINUE;
                        }
                    }
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("The scratch folder {} could not be removed: {}", folder, e.getMessage());
        }
    }
}
