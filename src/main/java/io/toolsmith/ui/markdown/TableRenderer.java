package io.toolsmith.ui.markdown;

import javafx.geometry.HPos;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.text.TextAlignment;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.node.Node;

/**
 * A GFM table as a GridPane: header row bold, each column aligned as its delimiter row says, and
 * no column narrower than its longest word or number. FX thread only.
 */
final class TableRenderer {
    private TableRenderer() {
    }

    /** The table in a box that scrolls sideways when its columns' longest words do not fit. */
    static SidewaysScroller render(TableBlock table, LinkPolicy links) {
        return new SidewaysScroller(grid(table, links));
    }

    static GridPane grid(TableBlock table, LinkPolicy links) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("md-table");
        grid.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        int row = 0;
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            for (Node tr = section.getFirstChild(); tr != null; tr = tr.getNext()) {
                int col = 0;
                for (Node cell = tr.getFirstChild(); cell != null; cell = cell.getNext()) {
                    TableCellFlow flow = new TableCellFlow();
                    flow.getChildren().setAll(InlineRenderer.render(cell, links));
                    if (cell instanceof TableCell tc) {
                        if (tc.isHeader()) {
                            flow.getStyleClass().add("md-table-header");
                            flow.getChildren().forEach(n -> n.getStyleClass().add("md-strong"));
                        }
                        if (tc.getAlignment() != null) {
                            flow.setTextAlignment(switch (tc.getAlignment()) {
                                case CENTER -> TextAlignment.CENTER;
                                case RIGHT -> TextAlignment.RIGHT;
                                default -> TextAlignment.LEFT;
                            });
                            if (row == 0) {
                                ensureColumn(grid, col, tc.getAlignment());
                            }
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
