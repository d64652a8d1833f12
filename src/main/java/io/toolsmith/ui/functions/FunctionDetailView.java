package io.toolsmith.ui.functions;

import io.toolsmith.functions.FunctionStatus;
import io.toolsmith.functions.Review;
import io.toolsmith.ui.code.CodeBlockView;
import io.toolsmith.ui.common.Badge;
import io.toolsmith.ui.common.Tooltips;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.fxmisc.richtext.CodeArea;

/**
 * The selected function: description, parameter table, responses, errors, examples, code, the
 * diff against the approved version when changed, and the analysis checks. Rebuilt from an
 * immutable {@link Review} on selection. FX thread only.
 */
public final class FunctionDetailView extends VBox {
    /** The paragraph style class of the selected function's own lines in its module's code. */
    public static final String OWN_LINE = "own-function";
    private final Label title = new Label();
    private final Badge tested = new Badge("", "neutral");
    private final Label description = new Label();
    private final FlowPane effects = new FlowPane(4, 4);
    private final Label enforcement = new Label();
    private final Label policy = new Label();
    private final GridPane parameters = new GridPane();
    private final Label responses = new Label();
    private final VBox errors = new VBox(2);
    private final VBox examples = new VBox(2);
    private final CodeBlockView code;
    private final Label diffTitle = section("Changes since the approved version");
    private final CodeBlockView diff;
    private final VBox checks = new VBox(2);

    FunctionDetailView(Executor highlightPool) {
        super(4);
        setId("function-detail");
        title.getStyleClass().add("title-4");
        title.setWrapText(true); // "list_expenses · in record_expense.py" must not end in "…" in a narrow panel
        tested.setId("function-tested");
        description.setWrapText(true);
        responses.setWrapText(true);
        effects.setId("function-effects");
        enforcement.setId("function-enforcement");
        enforcement.setWrapText(true);
        policy.setId("function-policy");
        policy.setWrapText(true);
        // A grid of wrapping labels rather than a table: every row and every word of a description shows, at any
        // width, with no cell cut off.
        parameters.setId("parameter-table");
        parameters.setHgap(10);
        parameters.setVgap(4);
        ColumnConstraints fixed = new ColumnConstraints();
        fixed.setMinWidth(Region.USE_PREF_SIZE);
        // The type column keeps its words whole (up to 180 px, then it wraps): squeezed, its header read "…".
        ColumnConstraints type = new ColumnConstraints();
        type.setMinWidth(Region.USE_PREF_SIZE);
        type.setMaxWidth(180);
        ColumnConstraints rest = new ColumnConstraints();
        rest.setHgrow(Priority.ALWAYS);
        rest.setMinWidth(80);
        parameters.getColumnConstraints().setAll(fixed, type, fixed, rest);
        code = CodeBlockView.selectable("python", "", highlightPool);
        code.setId("function-code");
        diff = CodeBlockView.selectable("diff", "", highlightPool);
        diff.setId("function-diff");
        // What a reviewer needs first: what it does, what the checks found, what it takes, the code (and what
        // changed); then what it returns and raises.
        getChildren().addAll(title, tested, description, effects, enforcement, policy, section("Checks"), checks, section("Parameters"), parameters,
                section("Code"), code, diffTitle, diff, section("Responses"), responses, section("Errors"), errors,
                section("Examples"), examples);
    }

    void show(Review f) {
        setVisible(f != null);
        if (f == null) {
            return;
        }
        String name = f.entry().name();
        String module = f.entry().module();
        title.setText(module.equals(name) ? name : name + "  ·  in " + module + ".py");
        showTested(f);
        String about = ReviewText.description(f);
        description.setText(about.isBlank() ? "No description yet." : about);
        effects.getChildren().setAll(FunctionVerdict.effectNodes(f));
        enforcement.setText(EffectText.enforcement(f.entry()));
        boolean approved = f.entry().status() == FunctionStatus.APPROVED;
        policy.setText(approved ? EffectText.policy(f.entry()) : "");
        policy.setVisible(approved);
        policy.setManaged(approved);
        showParameters(ReviewText.parameters(f));
        String returns = ReviewText.responses(f);
        responses.setText(returns.isBlank() ? "—" : returns);
        List<String> raises = ReviewText.errors(f);
        errors.getChildren().setAll(raises.isEmpty() ? List.of(new Label("—"))
                : raises.stream().map(e -> wrapped("• " + e)).toList());
        List<ReviewText.Example> samples = ReviewText.examples(f);
        examples.getChildren().setAll(samples.isEmpty() ? List.of(new Label("—"))
                : samples.stream().map(e -> wrapped("“" + e.prompt() + "” → " + e.arguments())).toList());
        code.setCode("python", f.code() == null ? "" : f.code());
        markOwnLines(f);
        boolean changed = f.entry().status() == FunctionStatus.CHANGED && f.diff() != null && !f.diff().isBlank();
        diffTitle.setVisible(changed);
        diffTitle.setManaged(changed);
        diff.setVisible(changed);
        diff.setManaged(changed);
        if (changed) {
            diff.setCode("diff", f.diff());
        }
        checks.getChildren().setAll(FunctionVerdict.checkLines(f));
    }

    /**
     * A module may define several functions: the selected one's lines get a marker (the {@code own-function}
     * paragraph style) and are scrolled into sight, so the reviewer reads the right one. The module's other code
     * stays shown, since it runs with every call.
     */
    private void markOwnLines(Review f) {
        CodeArea area = code.codeArea();
        var lines = FunctionLines.of(f);
        int paragraphs = area.getParagraphs().size();
        for (int i = 0; i < paragraphs; i++) {
            boolean own = lines.isPresent() && i >= lines.get().first() - 1 && i < lines.get().last();
            area.setParagraphStyle(i, own ? List.of(OWN_LINE) : List.of());
        }
        lines.ifPresent(l -> area.showParagraphAtTop(Math.max(0, l.first() - 1)));
    }

    /** The 0-based paragraphs of the shown code marked as the selected function's own. */
    public List<Integer> ownLines() {
        CodeArea area = code.codeArea();
        List<Integer> own = new java.util.ArrayList<>();
        for (int i = 0; i < area.getParagraphs().size(); i++) {
            if (area.getParagraph(i).getParagraphStyle().contains(OWN_LINE)) {
                own.add(i);
            }
        }
        return own;
    }


    /**
     * "tested" while the spec's examples have passed on exactly this code and spec; any change shows "not tested"
     * until Try passes again. Hidden for a function without both, which has nothing to try.
     */
    private void showTested(Review f) {
        boolean triable = f.code() != null && f.spec() != null;
        tested.setVisible(triable);
        tested.setManaged(triable);
        tested.setText(f.tested() ? "✓ tested" : "not tested");
        tested.setTone(f.tested() ? "success" : "neutral");
        Tooltips.set(tested, f.tested() ? "Its examples passed on exactly this code and spec."
                : "Its examples have not all passed on this code and spec; Try with examples runs them.");
    }

    private void showParameters(List<ReviewText.Parameter> rows) {
        parameters.getChildren().clear();
        if (rows.isEmpty()) {
            parameters.add(new Label("None."), 0, 0, 4, 1);
            return;
        }
        String[] heads = {"Name", "Type", "Required", "Description"};
        for (int c = 0; c < heads.length; c++) {
            Label head = new Label(heads[c]);
            head.getStyleClass().add("text-bold");
            // a header never elides: its column is at least as wide as its word
            head.setMinWidth(Region.USE_PREF_SIZE);
            parameters.add(head, c, 0);
        }
        int r = 1;
        for (ReviewText.Parameter p : rows) {
            parameters.addRow(r++, wrapped(p.name()), wrapped(p.type()), wrapped(p.required() ? "yes" : "no"),
                    wrapped(p.description().isBlank() ? "—" : p.description()));
        }
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("detail-section-title");
        return l;
    }

    private static Label wrapped(String text) {
        return FunctionVerdict.wrapped(text);
    }
}
