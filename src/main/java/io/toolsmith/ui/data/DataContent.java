package io.toolsmith.ui.data;

import java.util.Collections;
import java.util.List;

/** A data file's contents as the Data tab shows them. */
public sealed interface DataContent {

    /**
     * A list of records with the same keys: a sortable table. {@code rows} may make each row's texts only when a
     * cell is drawn (a large table is not turned into strings up front), so it is not copied.
     */
    record Table(List<String> columns, List<List<String>> rows) implements DataContent {
        public Table {
            columns = List.copyOf(columns);
            rows = Collections.unmodifiableList(rows);
        }
    }

    /** Instead of contents, one sentence: why the entry is not shown (a link, a pipe, a damaged file). */
    record Message(String text) implements DataContent {
    }

    /** Anything else: a tree whose children are read only when a branch is opened. */
    record Tree(DataNode root) implements DataContent {
    }

    /**
     * A node of nested data. {@link #children} may be expensive (a large list); the tree calls it
     * on the FX thread when the user expands the node, so implementations should page large lists.
     */
    interface DataNode {
        String label();

        String value();

        boolean isLeaf();

        List<DataNode> children();
    }
}
