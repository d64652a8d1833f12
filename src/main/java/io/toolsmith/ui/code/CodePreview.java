package io.toolsmith.ui.code;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.fxmisc.richtext.model.StyleSpan;
import org.fxmisc.richtext.model.StyleSpans;

/**
 * Highlighted code as a plain {@link TextFlow} of styled runs in a clipped region: a fraction of
 * a {@code CodeArea}'s cost to build and style (no scroll bars, no skin), so a chat can stream and
 * scroll through many code blocks. It cannot select or scroll; {@link CodeBlockView} swaps in a
 * CodeArea once the block is still and when the pointer enters it. FX thread only.
 */
final class CodePreview extends Region {
    private final TextFlow flow = new TextFlow();
    private final Rectangle clip = new Rectangle();
    private String shown = "";

    CodePreview() {
        getStyleClass().add("code-preview");
        flow.getStyleClass().add("code-preview-text");
        getChildren().add(flow);
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        setFocusTraversable(false);
    }

    @Override
    protected void layoutChildren() {
        // lines keep their length (code does not wrap); what does not fit is clipped
        double width = Math.max(getWidth(), flow.prefWidth(-1));
        flow.resizeRelocate(0, 0, width, flow.prefHeight(width));
    }

    @Override
    protected double computePrefWidth(double height) {
        return 0; // the block takes the row's width, never the longest line's
    }

    /**
     * Shows text whose highlighting is still being computed: a grown block keeps its highlighted
     * runs and shows only the new part plain.
     */
    void showPlain(String text) {
        if (!shown.isEmpty() && text.startsWith(shown) && !flow.getChildren().isEmpty()) {
            flow.getChildren().add(run(text.substring(shown.length()), "text"));
        } else {
            keepOrReplace(List.of(run(text, "text")));
        }
        shown = text;
    }

    void show(String text, StyleSpans<Collection<String>> spans) {
        List<Text> runs = new ArrayList<>();
        int pos = 0;
        for (StyleSpan<Collection<String>> span : spans) {
            int end = Math.min(text.length(), pos + span.getLength());
            if (end > pos) {
                runs.add(run(text.substring(pos, end), span.getStyle().isEmpty() ? "text" : span.getStyle().iterator().next()));
            }
            pos = end;
        }
        keepOrReplace(runs);
        shown = text;
    }

    /**
     * Keeps the leading runs whose style did not change (a growing block keeps all but its last
     * few), updating their text, so only new runs are styled by CSS.
     */
    private void keepOrReplace(List<Text> runs) {
        List<javafx.scene.Node> children = flow.getChildren();
        int i = 0;
        while (i < children.size() && i < runs.size() && children.get(i) instanceof Text old
                && old.getStyleClass().equals(runs.get(i).getStyleClass())) {
            if (!old.getText().equals(runs.get(i).getText())) {
                old.setText(runs.get(i).getText());
            }
            i++;
        }
        if (i < children.size()) {
            children.subList(i, children.size()).clear();
        }
        if (i < runs.size()) {
            children.addAll(runs.subList(i, runs.size()));
        }
    }

    private static Text run(String text, String style) {
        Text t = new Text(text);
        t.getStyleClass().addAll("code-text", style);
        return t;
    }
}
