package io.toolsmith.ui.markdown;

import javafx.geometry.HPos;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.node.Node;

/** A GFM table as a GridPane (header row styled, column alignment kept). FX thread only. */
final class TableRenderer {
    private TableRenderer() {
    }

    static GridPane render(TableBlock table, LinkPolicy links) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("md-table");
        grid.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        int row = 0;
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            for (Node tr = section.getFirstChild(); tr != null; tr = tr.getNext()) {
                int col = 0;
                for (Node cell = tr.getFirstChild(); cell != null; cell = cell.getNext()) {
                    TextFlow flow = new TextFlow();
                    flow.getChildren().setAll(InlineRenderer.render(cell, links));
                    flow.getStyleClass().add("md-table-cell");
                    if (cell instanceof TableCell tc) {
                        if (tc.isHeader()) {
                            flow.getStyleClass().add("md-table-header");
                        }
                        if (row == 0 && tc.getAlignment() != null) {
                            ensureColumn(grid, col, tc.getAlignment());
                        }
                    }
                    grid.add(flow, col++, row);
                }
                row++;
            }
        }
        return grid;
    }

    private static void ensureColumn(GridPane grid, int col, TableCell.Alignment alignment) {
        while (grid.getColumnConstraints().size() <= col) {
            grid.getColumnConstraints().add(new ColumnConstraints());
        }
        grid.getColumnConstraints().get(col).setHalignment(switch (alignment) {
            case CENTER -> HPos.CENTER;
            case RIGHT -> HPos.RIGHT;
            default -> HPos.LEFT;
        });
    }
}
