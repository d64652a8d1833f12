package io.toolsmith.ui.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.layout.Pane;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.PathElement;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * Marks laid over a message where the find text (Ctrl+F) occurs in it: a rectangle over each occurrence in each text
 * flow the message shows (paragraphs, table cells, code), placed from the flow's own layout ({@link
 * TextFlow#rangeShape}), so the rendered nodes are left untouched. An overlay in the bubble, not managed, so it
 * changes neither the bubble's size nor what it shows. Called after layout, on the FX thread.
 */
final class FindMarks extends Pane {
    /** A node in a text flow that is not text counts as one character of it. */
    private static final String OBJECT = "\uFFFC";
    private List<Double> placed = List.of();

    FindMarks() {
        setManaged(false);
        setMouseTransparent(true);
        getStyleClass().add("find-marks");
    }

    /** Marks {@code query} (lower case; empty for none) in the text flows under {@code content}. */
    void mark(Parent content, String query) {
        List<Double> boxes = new ArrayList<>();
        if (!query.isEmpty() && getScene() != null) {
            collect(content, query, boxes);
        }
        if (boxes.equals(placed)) {
            return; // laid out again as it was: nothing to redraw
        }
        placed = boxes;
        List<Rectangle> marks = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i += 4) {
            Rectangle mark = new Rectangle(boxes.get(i), boxes.get(i + 1), boxes.get(i + 2), boxes.get(i + 3));
            mark.getStyleClass().add("find-mark");
            marks.add(mark);
        }
        getChildren().setAll(marks);
    }

    /** How many occurrences' pieces are marked (a piece per line an occurrence spans). */
    int count() {
        return getChildren().size();
    }

    private void collect(Node node, String query, List<Double> boxes) {
        if (!node.isVisible() || node == this) {
            return;
        }
        if (node instanceof TextFlow flow) {
            markFlow(flow, query, boxes);
            return;
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, query, boxes);
            }
        }
    }

    private void markFlow(TextFlow flow, String query, List<Double> boxes) {
        String text = textOf(flow);
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.length() != text.length()) {
            return; // a letter whose lower case is longer: offsets would not match the flow's characters
        }
        Bounds visible = visibleBounds(flow);
        for (int at = lower.indexOf(query); at >= 0 && visible != null; at = lower.indexOf(query, at + query.length())) {
            for (Bounds line : lines(flow.rangeShape(at, at + query.length()))) {
                Bounds inScene = flow.localToScene(line);
                Bounds shown = intersect(inScene, visible);
                if (shown != null) {
                    Bounds here = sceneToLocal(shown);
                    boxes.add(here.getMinX());
                    boxes.add(here.getMinY());
                    boxes.add(here.getWidth());
                    boxes.add(here.getHeight());
                }
            }
        }
    }

    private static String textOf(TextFlow flow) {
        StringBuilder text = new StringBuilder();
        for (Node child : flow.getChildren()) {
            if (child.isManaged()) {
                text.append(child instanceof Text run ? run.getText() : OBJECT);
            }
        }
        return text.toString();
    }

    /** The part of the flow in the scene that its clipping ancestors (a code preview's box) leave visible. */
    private Bounds visibleBounds(TextFlow flow) {
        Bounds visible = flow.localToScene(flow.getLayoutBounds());
        for (Node node = flow; node != null && visible != null && node != getParent(); node = node.getParent()) {
            if (node.getClip() != null) {
                visible = intersect(visible, node.localToScene(node.getClip().getBoundsInParent()));
            }
        }
        return visible;
    }

    /** The rectangles of a range's shape: one closed figure (a move and four lines) per line of text. */
    private static List<Bounds> lines(PathElement[] shape) {
        List<Bounds> lines = new ArrayList<>();
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (PathElement element : shape) {
            double x;
            double y;
            if (element instanceof MoveTo move) {
                if (minX <= maxX) {
                    lines.add(new BoundingBox(minX, minY, maxX - minX, maxY - minY));
                }
                minX = minY = Double.MAX_VALUE;
                maxX = maxY = -Double.MAX_VALUE;
                x = move.getX();
                y = move.getY();
            } else if (element instanceof LineTo line) {
                x = line.getX();
                y = line.getY();
            } else {
                continue;
            }
            minX = Math.min(minX, x);
            minY = Math.min(minY, y);
            maxX = Math.max(maxX, x);
            maxY = Math.max(maxY, y);
        }
        if (minX <= maxX) {
            lines.add(new BoundingBox(minX, minY, maxX - minX, maxY - minY));
        }
        return lines;
    }

    private static Bounds intersect(Bounds a, Bounds b) {
        double minX = Math.max(a.getMinX(), b.getMinX());
        double minY = Math.max(a.getMinY(), b.getMinY());
        double maxX = Math.min(a.getMaxX(), b.getMaxX());
        double maxY = Math.min(a.getMaxY(), b.getMaxY());
        return maxX > minX && maxY > minY ? new BoundingBox(minX, minY, maxX - minX, maxY - minY) : null;
    }
}
