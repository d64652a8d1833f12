package io.toolsmith.ui.fakes;

import io.toolsmith.ui.data.DataBrowser;
import io.toolsmith.ui.data.DataContent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A data folder with one table-shaped file and one nested file, plus a snapshot. */
public final class FakeDataBrowser implements DataBrowser {
    public final List<String> undone = new CopyOnWriteArrayList<>();

    @Override
    public List<DataFile> files() {
        return List.of(new DataFile("expenses.pkl", 512, Instant.parse("2026-11-25T10:00:00Z")),
                new DataFile("settings.pkl", 128, Instant.parse("2026-11-25T11:00:00Z")));
    }

    @Override
    public DataContent read(String relativePath) {
        if (relativePath.equals("expenses.pkl")) {
            return new DataContent.Table(List.of("category", "amount", "note"), List.of(
                    List.of("Travel", "300.0", "train to Lyon"),
                    List.of("Food", "42.5", "team lunch"),
                    List.of("Office", "9.99", "")));
        }
        return new DataContent.Tree(node("settings", "", List.of(node("currency", "EUR", List.of()),
                node("limits", "", List.of(node("Travel", "1000", List.of()))))));
    }

    private static DataContent.DataNode node(String label, String value, List<DataContent.DataNode> children) {
        return new DataContent.DataNode() {
            public String label() {
                return label;
            }

            public String value() {
                return value;
            }

            public boolean isLeaf() {
                return children.isEmpty();
            }

            public List<DataContent.DataNode> children() {
                return children;
            }
        };
    }

    @Override
    public void export(String relativePath, Path target) {
        throw new UnsupportedOperationException("export is not part of the UI tests");
    }

    @Override
    public List<Snapshot> snapshots() {
        return List.of(new Snapshot("s1", Instant.parse("2026-11-25T10:00:00Z"), "record_expense", "call_1"));
    }

    @Override
    public void undo(String snapshotId) {
        undone.add(snapshotId);
    }

    @Override
    public Runnable onChange(Runnable listener) {
        return () -> { };
    }
}
