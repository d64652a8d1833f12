package io.toolsmith.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.toolsmith.data.DataFile;
import io.toolsmith.data.DataFolder;
import io.toolsmith.data.DataNames;
import io.toolsmith.data.DataQuota;
import io.toolsmith.data.DataSnapshots;
import io.toolsmith.data.DataTree;
import io.toolsmith.data.Snapshot;
import io.toolsmith.data.TreeEntry;
import io.toolsmith.functions.ActivityEntry;
import io.toolsmith.functions.ActivityLog;
import io.toolsmith.settings.Home;
import io.toolsmith.settings.Settings;
import io.toolsmith.settings.SettingsStore;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code toolsmith data list|snapshots|undo}: the functions' data folder and its snapshots. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "List the data folder, its snapshots, and undo the last call's changes.",
        subcommands = {DataCommand.ListFiles.class, DataCommand.Snapshots.class, DataCommand.Undo.class})
public final class DataCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Home home(CommandSpec spec) {
        return ((ToolsmithCommand) spec.root().userObject()).home();
    }

    static DataSnapshots snapshots(CommandSpec spec) {
        Home home = home(spec);
        Settings settings = new SettingsStore(home.settingsFile()).current();
        return new DataSnapshots(dataFolder(home, settings), home.snapshots(),
                DataQuota.ofMegabytes(settings.dataQuotaMb(), settings.dataQuotaFiles()));
    }

    /** The data folder the settings name, as the engine reads it ({@code <home>/data} unless set). */
    static Path dataFolder(Home home, Settings settings) {
        return settings.dataFolder() == null || settings.dataFolder().isBlank() ? home.data() : Path.of(settings.dataFolder());
    }

    /** Said once when a function runs (here or in another Toolsmith) and the command waits for it to finish. */
    static void waiting(CommandSpec spec, String what) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("A function is running on the data folder; the " + what + " waits until it has finished.");
        err.flush();
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the data folder: files (hidden ones too), links and special files, never followed.")
    static final class ListFiles implements Callable<Integer> {
        @Option(names = "--json", description = "Print one JSON array with the exact names.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Home home = home(spec);
            DataFolder folder = new DataFolder(dataFolder(home, new SettingsStore(home.settingsFile()).current()));
            DataTree.Listing listing;
            List<DataFile> files;
            folder.tree().lock().lock(() -> waiting(spec, "listing"));
            try {
                listing = folder.tree().walk();
                files = folder.files(listing);
            } finally {
                folder.tree().lock().unlock();
            }
            List<TreeEntry> others = listing.sorted().stream()
                    .filter(e -> e.kind() != TreeEntry.Kind.FILE && e.kind() != TreeEntry.Kind.DIRECTORY).toList();
            if (json) {
                ArrayNode array = Json.MAPPER.createArrayNode();
                files.forEach(f -> array.addObject().put("name", f.name()).put("size", f.size())
                        .put("modified", f.modified().toString()).put("kind", f.kind().name().toLowerCase()));
                others.forEach(e -> {
                    var node = array.addObject().put("name", e.path()).put("kind", e.kind().name().toLowerCase());
                    if (e.target() != null) {
                        node.put("target", e.target());
                    }
                });
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array));
                out.flush();
                return 0;
            }
            if (files.isEmpty() && others.isEmpty()) {
                out.println("The data folder " + folder.dir() + " has no files yet.");
            }
            for (DataFile f : files) {
                out.printf("%-40s %12d  %s  %s%n", f.displayName(), f.size(), f.modified(), f.kind().name().toLowerCase());
            }
            for (TreeEntry e : others) {
                if (e.kind() == TreeEntry.Kind.LINK) {
                    out.printf("%-40s  link to %s (not followed)%n", e.displayPath(), DataNames.display(e.target()));
                } else {
                    out.printf("%-40s  %s (never opened)%n", e.displayPath(), e.kind().words());
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "snapshots", mixinStandardHelpOptions = true, description = "List the snapshots, newest first.")
    static final class Snapshots implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            List<Snapshot> all = snapshots(spec).list();
            if (all.isEmpty()) {
                out.println("No snapshots yet: one is taken before each call that runs.");
            }
            for (Snapshot s : all) {
                out.printf("%s  %s  %d files, %d bytes  %s%n", s.id(), s.time(), s.files(), s.bytes(),
                        DataNames.display(String.valueOf(s.label())));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "undo", mixinStandardHelpOptions = true,
            description = "Put the data folder back as it was in SNAPSHOT (default: the latest snapshot).")
    static final class Undo implements Callable<Integer> {
        /** How the activity log names an undo asked for on the command line. */
        static final String SOURCE = "CLI";

        @Parameters(index = "0", arity = "0..1", paramLabel = "SNAPSHOT")
        String snapshotId;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            DataSnapshots snapshots = snapshots(spec);
            String id = snapshotId;
            if (id == null) {
                id = snapshots.latest().map(Snapshot::id).orElseThrow(() -> new UserFacingException(
                        "There is no snapshot to go back to: none has been taken yet."));
            }
            String wanted = id;
            Snapshot undone = snapshots.list().stream().filter(s -> s.id().equals(wanted)).findFirst().orElse(null);
            DataSnapshots.Restored restored = snapshots.restore(id, () -> waiting(spec, "undo"));
            Snapshot safety = restored.safety();
            logUndo(undone, safety);
            PrintWriter out = spec.commandLine().getOut();
            List<String> changes = snapshots.changes(safety.id(), id);
            boolean nothing = changes.isEmpty() && restored.notes().isEmpty();
            out.println("Restored the data folder to " + id + (nothing ? "; nothing had changed." : ":"));
            changes.forEach(line -> out.println("  " + line));
            restored.notes().forEach(line -> out.println("  " + line));
            out.println("To undo this, run: toolsmith data undo " + safety.id());
            out.flush();
            return 0;
        }

        /** The window's Activity lists undos beside the calls they undo, so one made here is written there too. */
        private void logUndo(Snapshot undone, Snapshot safety) {
            try {
                new ActivityLog(home(spec).activityLog()).record(ActivityEntry.undo(
                        undone == null ? null : undone.label(), undone == null ? null : undone.callId(), safety.id(),
                        SOURCE));
            } catch (IOException e) {
                // The folder was restored all the same; only the record of it is missing.
                spec.commandLine().getErr().println("The undo was not written to the activity log ("
                        + e.getMessage() + ").");
            }
        }
    }
}
