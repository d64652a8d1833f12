package io.toolsmith.ui.functions;

import io.toolsmith.data.DataChange;
import io.toolsmith.functions.ExampleRunner;
import io.toolsmith.functions.ExampleText;
import io.toolsmith.ui.common.Badge;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * What "Try with examples" showed, per example: its prompt and arguments, expected against got, a pass/fail mark
 * with words, an error in place of the result, and what it did to its copy of the data folder, each changed file a
 * line that opens to its records. Then what the copy left out and a closing line. It shows the selected function's
 * latest finished run, by Try or by a change of its code or spec; empty while a run is under way, after a cancelled
 * one, or when none was made. FX thread only.
 */
final class ExampleResultsView extends VBox {

    ExampleResultsView() {
        super(6);
        setId("example-results");
    }

    void show(ExampleRunner.Trial trial) {
        List<Node> nodes = new ArrayList<>();
        if (trial != null) {
            for (ExampleRunner.ExampleRun run : trial.runs()) {
                nodes.add(example(run));
            }
            for (String skipped : trial.skipped()) {
                nodes.add(wrapped(skipped, "example-skipped"));
            }
            nodes.add(wrapped(ExampleText.summary(trial), "example-summary"));
        }
        getChildren().setAll(nodes);
    }

    private static VBox example(ExampleRunner.ExampleRun run) {
        VBox box = new VBox(2);
        box.getStyleClass().add("example-run");
        String tone = switch (run.verdict()) {
            case PASSED -> "success";
            case FAILED -> "danger";
            case NO_EXPECTATION -> "neutral";
        };
        Badge verdict = new Badge(ExampleText.verdict(run), tone);
        verdict.getStyleClass().add("example-verdict");
        box.getChildren().addAll(verdict, wrapped(ExampleText.prompt(run), "example-prompt"),
                wrapped("arguments: " + run.arguments(), "example-arguments"));
        String expected = ExampleText.expected(run);
        if (expected != null) {
            box.getChildren().add(wrapped("expected: " + expected, "example-expected"));
        }
        Label got = wrapped("got: " + ExampleText.got(run), "example-got");
        if (!run.result().ok()) {
            got.getStyleClass().add("danger");
        }
        box.getChildren().add(got);
        if (!run.reason().isEmpty()) {
            box.getChildren().add(wrapped("why: " + run.reason(), "example-reason"));
        }
        if (run.result().changes().isEmpty()) {
            box.getChildren().add(wrapped("data: no changes", "example-no-changes"));
        }
        for (DataChange change : run.result().changes()) {
            box.getChildren().add(change(change));
        }
        return box;
    }

    /** A file's change; one with records opens to them (closed at first: a call may add thousands). */
    private static Node change(DataChange change) {
        if (change.records().isEmpty()) {
            return wrapped("data: " + change.summary(), "example-change");
        }
        VBox records = new VBox(2);
        change.records().forEach(r -> records.getChildren().add(wrapped(r.line(), "example-record")));
        if (change.more() > 0) {
            records.getChildren().add(wrapped("and " + change.more() + " more", "example-record"));
        }
        TitledPane pane = new TitledPane("data: " + change.summary(), records);
        pane.getStyleClass().add("example-change");
        pane.setExpanded(false);
        pane.setAnimated(false);
        return pane;
    }

    private static Label wrapped(String text, String styleClass) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.getStyleClass().add(styleClass);
        return l;
    }
}
