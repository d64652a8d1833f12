package io.toolsmith.ui.functions;

import io.toolsmith.functions.Effects;
import io.toolsmith.functions.Review;
import io.toolsmith.ui.common.Tooltips;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * What the checks say about a function's current code, as the Functions tab says it: the effects as badges, what
 * the sandbox would enforce for its calls, and each check as a passed (✓), warning (⚠) or failed (✗) line. Shown on
 * a call card that waits for the user, so the decision is made with the same facts as a review. FX thread only.
 */
public final class FunctionVerdict extends VBox {
    private final FlowPane effects = new FlowPane(4, 4);
    private final Label enforcement = new Label();
    private final VBox checks = new VBox(2);

    public FunctionVerdict() {
        super(4);
        getStyleClass().add("function-verdict");
        effects.getStyleClass().add("function-verdict-effects");
        enforcement.setWrapText(true);
        enforcement.setMinHeight(Region.USE_PREF_SIZE);
        enforcement.getStyleClass().add("function-verdict-enforcement");
        checks.getStyleClass().add("function-verdict-checks");
        getChildren().addAll(effects, enforcement, checks);
    }

    /** Shows {@code review}; nothing when it is null (the library could not be read). */
    public void show(Review review) {
        setVisible(review != null);
        setManaged(review != null);
        if (review == null) {
            return;
        }
        effects.getChildren().setAll(effectNodes(review));
        enforcement.setText(EffectText.enforcement(review.entry()));
        checks.getChildren().setAll(checkLines(review));
    }

    static List<javafx.scene.Node> effectNodes(Review review) {
        Effects shown = EffectText.shown(review.entry());
        return shown.isEmpty() ? List.of(new Label("No effects: it only computes its result."))
                : List.copyOf(FunctionReviewPanel.effectBadges(shown, false));
    }

    /** One label per check; a warning is for the reviewer to weigh, not a failure, and is not shown as one. */
    static List<Label> checkLines(Review review) {
        return ReviewText.checks(review).stream().map(c -> {
            boolean warning = !c.passed() && c.text().startsWith("warning: ");
            Label l = wrapped((c.passed() ? "✓ " : warning ? "⚠ " : "✗ ") + c.text());
            l.getStyleClass().add(c.passed() ? "success" : warning ? "warning" : "danger");
            return l;
        }).toList();
    }

    /** A label that wraps, and whose tooltip holds the whole text in case the layout still shortens it. */
    static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        if (!text.isBlank()) {
            Tooltips.set(l, text);
        }
        return l;
    }
}
