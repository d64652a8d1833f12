package io.toolsmith.ui.chat;

import io.toolsmith.data.DataImport;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.stage.Window;

/**
 * Asked when a file put in the data folder has the name of one already there: "A file named notes.csv is already in
 * the data folder." Replace it, Keep both (the new one gets a number), or Cancel. Keep both is the default button:
 * replacing is the choice that loses something (until undone), so Enter never makes it. FX thread only.
 */
public final class NameInUseDialog extends Dialog<DataImport.WhenTaken> {
    static final ButtonType REPLACE = new ButtonType("Replace it", ButtonBar.ButtonData.OTHER);
    static final ButtonType KEEP_BOTH = new ButtonType("Keep both", ButtonBar.ButtonData.OK_DONE);

    public NameInUseDialog(Window owner, String name) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Put in the data folder");
        setHeaderText(null);
        Label text = new Label("A file named " + name + " is already in the data folder.\n\nReplace it with the new"
                + " one (Undo in the Data tab brings it back), or keep both: the new one gets a number.");
        text.setWrapText(true);
        text.setPrefWidth(420);
        text.setId("name-in-use-text");
        getDialogPane().setContent(text);
        getDialogPane().setId("name-in-use-dialog");
        getDialogPane().getButtonTypes().addAll(REPLACE, KEEP_BOTH, ButtonType.CANCEL);
        getDialogPane().lookupButton(REPLACE).setId("name-in-use-replace");
        getDialogPane().lookupButton(KEEP_BOTH).setId("name-in-use-keep-both");
        getDialogPane().lookupButton(ButtonType.CANCEL).setId("name-in-use-cancel");
        setResultConverter(button -> button == REPLACE ? DataImport.WhenTaken.REPLACE
                : button == KEEP_BOTH ? DataImport.WhenTaken.KEEP_BOTH : null);
    }

    /** Shows the dialog without blocking and hands on the answer when it closes (nothing on Cancel). */
    public static void ask(Window owner, String name, Consumer<Optional<DataImport.WhenTaken>> answer) {
        NameInUseDialog dialog = new NameInUseDialog(owner, name);
        dialog.setOnHidden(e -> answer.accept(Optional.ofNullable(dialog.getResult())));
        dialog.show();
    }
}
