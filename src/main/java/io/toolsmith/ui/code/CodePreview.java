package io.toolsmith.ui.code;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javafx.scene.control.ScrollPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.fxmisc.richtext.model.StyleSpan;
import org.fxmisc.richtext.model.StyleSpans;

/**
 * Highlighted code as a plain {@link TextFlow} of styled runs: a fraction of a {@code CodeArea}'s
 * cost to build and style, so a chat can stream and scroll through many code blocks. It cannot
 * select text; {@link CodeBlockView} swaps in a CodeArea when the pointer comes near. FX thread only.
 */
final class CodePreview extends ScrollPane {
    private final TextFlow flow = new TextFlow();

    CodePreview() {
        getStyleClass().add("code-preview");
        flow.getStyleClass().add("code-preview-text");
        setContent(flow);
        setFitToWidth(false);
        setHbarPolicy(ScrollBarPolicy.AS_NEEDED);
        setVbarPolicy(ScrollBarPolicy.AS_NEEDED);
        setFocusTraversable(false);
    }

    void showPlain(String text) {
        flow.getChildren().setAll(run(text, "text"));
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
        flow.getChildren().setAll(runs);
    }

    private static Text run(String text, String style) {
        Text t = new Text(text);
        t.getStyleClass().addAll("code-text", style);
        return t;
    }
}
