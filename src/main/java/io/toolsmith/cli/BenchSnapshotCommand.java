package io.toolsmith.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.data.DataQuota;
import io.toolsmith.data.DataSnapshots;
import io.toolsmith.data.DataTree;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code toolsmith bench snapshot}: what the snapshot before a call costs when the data folder holds many small
 * files: the first snapshot (every file copied), then nothing changed and one file changed, each found through the
 * change journal (only the changed folders listed again) and by a full walk, and a bare walk of the folder (one
 * lstat per entry), which is what a full walk cannot go below. Runs in a temporary folder; the user's data is not
 * touched.
 */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Time snapshots of a data folder of N tiny files: first, unchanged, one file changed.")
public final class BenchSnapshotCommand implements Callable<Integer> {

    @Option(names = "--files", defaultValue = "100000", description = "Tiny files to create (default: ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--json", description = "Print one JSON object (milliseconds).")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, UserFacingException {
        if (files < 1) {
            throw new ExitCodeException(2, "--files must be at least 1.");
        }
        Path home = Files.createTempDirectory("toolsmith-bench-snapshot-");
        try {
            Path data = Files.createDirectories(home.resolve("data"));
            // A few folders, as functions keep them; every file a few bytes.
            for (int i = 0; i < files; i++) {
                Path folder = data.resolve("set" + (i % 10));
                if (i < 10) {
                    Files.createDirectories(folder);
                }
                Files.write(folder.resolve("item" + i + ".txt"), ("item " + i).getBytes(StandardCharsets.UTF_8));
            }
            // The quota is raised so that the folder is not refused: this measures the snapshot, not the quota.
            DataQuota quota = DataQuota.ofMegabytes(DataQuota.DEFAULT_MB, Math.max(DataQuota.DEFAULT_FILES, files + 100));
            DataSnapshots snapshots = new DataSnapshots(data, home.resolve("snapshots"), quota);
            Figures f = new Figures();
            f.first = time(() -> snapshots.take("first", "first"));
            f.unchanged = time(() -> snapshots.take("unchanged", "unchanged"));
            f.unchangedScan = snapshots.lastScan();
            // On a shared machine one run says little: the best of three for the steady cases.
            DataTree tree = new DataTree(data, files + 100);
            for (int i = 0; i < 3; i++) {
                f.unchangedAgain = Math.min(f.unchangedAgain, time(() -> snapshots.take("unchanged", "unchanged again")));
                f.fullUnchanged = Math.min(f.fullUnchanged, time(() -> snapshots.takeFull("unchanged", "full walk")));
                f.walk = Math.min(f.walk, time(tree::walk));
                change(data, i, "journal");
                f.oneChanged = Math.min(f.oneChanged, time(() -> snapshots.take("changed", "one file changed")));
                f.oneChangedScan = snapshots.lastScan();
                change(data, i, "full walk");
                f.fullOneChanged = Math.min(f.fullOneChanged, time(() -> snapshots.takeFull("changed", "full walk")));
            }
            f.manifestBytes = manifestBytes(home.resolve("snapshots"));
            print(f);
            return 0;
        } finally {
            deleteTree(home);
        }
    }

    /** The measured figures, in milliseconds. */
    private static final class Figures {
        double first;
        double unchanged;
        double oneChanged = Double.MAX_VALUE;
        double unchangedAgain = Double.MAX_VALUE;
        double fullUnchanged = Double.MAX_VALUE;
        double fullOneChanged = Double.MAX_VALUE;
        double walk = Double.MAX_VALUE;
        String unchangedScan;
        String oneChangedScan;
        long manifestBytes;
    }

    private void print(Figures f) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode node = Json.MAPPER.createObjectNode().put("files", files).put("firstMs", round(f.first))
                    .put("unchangedMs", round(f.unchanged)).put("oneChangedMs", round(f.oneChanged))
                    .put("unchangedAgainMs", round(f.unchangedAgain)).put("fullUnchangedMs", round(f.fullUnchanged))
                    .put("fullOneChangedMs", round(f.fullOneChanged)).put("walkMs", round(f.walk))
                    .put("unchangedScan", f.unchangedScan).put("oneChangedScan", f.oneChangedScan)
                    .put("manifestBytesLargest", f.manifestBytes);
            out.println(node);
        } else {
            out.printf(Locale.ROOT, "Data folder of %,d tiny files in 10 folders%n", files);
            out.printf(Locale.ROOT, "First snapshot (every file copied):   %.1f ms%n", f.first);
            out.printf(Locale.ROOT, "                                      change journal      full walk%n");
            out.printf(Locale.ROOT, "Nothing changed (best of 3):          %9.1f ms  %12.1f ms%n", f.unchangedAgain,
                    f.fullUnchanged);
            out.printf(Locale.ROOT, "One file changed (best of 3):         %9.1f ms  %12.1f ms%n", f.oneChanged,
                    f.fullOneChanged);
            out.printf(Locale.ROOT, "Nothing changed, first time:          %9.1f ms%n", f.unchanged);
            out.printf(Locale.ROOT, "Bare walk (one lstat per entry):      %.1f ms (best of 3)%n", f.walk);
            out.printf(Locale.ROOT, "Found by (nothing changed):           %s%n", f.unchangedScan);
            out.printf(Locale.ROOT, "Found by (one file changed):          %s%n", f.oneChangedScan);
            out.printf(Locale.ROOT, "Largest manifest.json:                %,d bytes%n", f.manifestBytes);
        }
        out.flush();
    }

    /** Rewrites one file of the first folder (a different one each round). */
    private static void change(Path data, int round, String text) throws IOException {
        Files.write(data.resolve("set0").resolve("item" + round * 10 + ".txt"), text.getBytes(StandardCharsets.UTF_8));
    }

    private interface Step {
        Object run() throws IOException, UserFacingException;
    }

    private static double time(Step step) throws IOException, UserFacingException {
        long t0 = System.nanoTime();
        step.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static long manifestBytes(Path snapshots) throws IOException {
        try (Stream<Path> walk = Files.walk(snapshots)) {
            return walk.filter(p -> p.getFileName().toString().equals("manifest.json"))
                    .mapToLong(p -> p.toFile().length()).max().orElse(0);
        }
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }

    private static void deleteTree(Path root) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(paths::add);
        }
        paths.sort(Comparator.reverseOrder());
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
