package io.toolsmith.cli;

import io.toolsmith.data.DataFile;
import io.toolsmith.data.DataFolder;
import io.toolsmith.data.DataSnapshots;
import io.toolsmith.data.Snapshot;
import io.toolsmith.settings.Home;
import io.toolsmith.util.UserFacingException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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
        return new DataSnapshots(home.data(), home.snapshots());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the files in the data folder.")
    static final class ListFiles implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            List<DataFile> files = new DataFolder(home(spec).data()).list();
            if (files.isEmpty()) {
                out.println("The data folder " + home(spec).data() + " has no files yet.");
            }
            for (DataFile f : files) {
                out.printf("%-40s %12d  %s  %s%n", f.name(), f.size(), f.modified(), f.kind().name().toLowerCase());
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
                out.printf("%s  %s  %d files, %d bytes  %s%n", s.id(), s.time(), s.files(), s.bytes(), s.label());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "undo", mixinStandardHelpOptions = true,
            description = "Put the data folder back as it was in SNAPSHOT (default: the latest snapshot).")
    static final class Undo implements Callable<Integer> {
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
            Snapshot safety = snapshots.restore(id);
            PrintWriter out = spec.commandLine().getOut();
            List<String> changes = snapshots.changes(safety.id(), id);
            out.println("Restored the data folder to " + id + (changes.isEmpty() ? "; nothing had changed." : ":"));
            changes.forEach(line -> out.println("  " + line));
            out.println("To undo this, run: toolsmith data undo " + safety.id());
            out.flush();
            return 0;
        }
    }
}
