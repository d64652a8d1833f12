package io.toolsmith.ui.chat;

import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asked before an action drops calls that changed the data: "These calls changed your data: log.pkl +1 record",
 * with a box to put the data back as it was before them. The box starts unticked: the data is the user's, and what
 * the calls did may be wanted. Answers the choice, or nothing when the user cancels the action. FX thread only.
 */
public final class RewindDialog extends Dialog<Boolean> {
    private final CheckBox restore = new CheckBox("Put the data back as it was before them");

    public RewindDialog(Window owner, MessageAction.Kind kind, RewindPreview preview) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle(kind.label());
        setHeaderText(null);
        Label intro = new Label("These calls changed your data:");
        VBox changes = new VBox(2);
        changes.setId("rewind-changes");
        for (String change : preview.changes()) {
            Label line = new Label("• " + change);
            line.setWrapText(true);
            changes.getChildren().add(line);
        }
        Label undo = new Label("Putting it back can itself be undone from the Data tab.");
        undo.getStyleClass().add("muted");
        restore.setId("restore-data-check");
        restore.setSelected(false);
        VBox content = new VBox(8, intro, changes, restore, undo);
        content.setId("rewind-dialog");
        content.setPrefWidth(420);
        getDialogPane().setContent(content);
        ButtonType go = new ButtonType(kind.label(), ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(go, ButtonType.CANCEL);
        getDialogPane().lookupButton(go).setId("rewind-go");
        setResultConverter(button -> button == go ? restore.isSelected() : null);
    }

    public CheckBox restoreBox() {
        return restore;
    }

    /** Shows the dialog without blocking and hands on the answer when it closes. */
    public static void ask(Window owner, MessageAction action, RewindPreview preview,
                           Consumer<Optional<Boolean>> answer) {
        RewindDialog dialog = new RewindDialog(owner, action.kind(), preview);
        dialog.setOnHidden(e -> answer.accept(Optional.ofNullable(dialog.getResult())));
        dialog.show();
    }
}
