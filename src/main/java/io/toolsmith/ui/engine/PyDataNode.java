package io.toolsmith.ui.engine;

import io.toolsmith.data.PyTreeNode;
import io.toolsmith.ui.data.DataContent;
import java.util.ArrayList;
import java.util.List;

/**
 * A node of unpickled data for the Data tab's tree. Children are read on expansion, at most {@link #PAGE}
 * of them; a longer container ends with a leaf that says how many more there are. Any thread.
 */
final class PyDataNode implements DataContent.DataNode {
    static final int PAGE = 500;
    private final PyTreeNode node;

    PyDataNode(PyTreeNode node) {
        this.node = node;
    }

    @Override
    public String label() {
        return node.key();
    }

    @Override
    public String value() {
        return node.summary();
    }

    @Override
    public boolean isLeaf() {
        return node.isLeaf();
    }

    @Override
    public List<DataContent.DataNode> children() {
        List<DataContent.DataNode> children = new ArrayList<>();
        node.children(0, PAGE).forEach(c -> children.add(new PyDataNode(c)));
        int more = node.childCount() - PAGE;
        if (more > 0) {
            children.add(new Note("…", more + " more items (export the file to see them all)"));
        }
        return children;
    }

    /** A leaf with fixed text. */
    record Note(String label, String value) implements DataContent.DataNode {
        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        public List<DataContent.DataNode> children() {
            return List.of();
        }
    }
}
