package io.toolsmith.ui.common;

import java.util.function.Supplier;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.layout.StackPane;

/**
 * The place in a view of a part made the first time it is needed, so that a window does not build, style and lay
 * out what it may never show (a side-panel tab before it is selected, a function's detail before any is). Until
 * the part is made the place is empty and takes no room. FX thread only.
 */
public final class MadeWhenNeeded<T extends Node> extends StackPane {
    private final Supplier<T> make;
    private T part;
    /** Held here until the part is made: a binding only its listener refers to could be collected first. */
    private ObservableBooleanValue needed;

    public MadeWhenNeeded(Supplier<T> make) {
        this.make = make;
        setManaged(false);
    }

    /** The part, made now if it was not yet. */
    public T part() {
        if (part == null) {
            part = make.get();
            getChildren().add(part);
            if (!managedProperty().isBound()) {
                setManaged(true);
            }
        }
        return part;
    }

    public boolean isMade() {
        return part != null;
    }

    /** Makes the part as soon as {@code condition} holds, now if it already does. */
    public void makeWhen(ObservableBooleanValue condition) {
        if (condition.get()) {
            part();
            return;
        }
        needed = condition;
        condition.addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> observable, Boolean was, Boolean now) {
                if (now) {
                    observable.removeListener(this);
                    needed = null;
                    part();
                }
            }
        });
    }
}
