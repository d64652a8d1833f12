package io.toolsmith.ui.data;

import java.util.List;

/** A data file's contents as the Data tab shows them. Values are display strings already. */
public sealed interface DataContent {

    /** A list of records with the same keys: a sortable table. */
    record Table(List<String> columns, List<List<String>> rows) implements DataContent {
        public Table {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
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
