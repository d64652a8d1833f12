package io.toolsmith.ui.functions;

import io.toolsmith.functions.FunctionStatus;
import io.toolsmith.functions.Review;
import io.toolsmith.ui.code.CodeBlockView;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/**
 * The selected function: description, parameter table, responses, errors, examples, code, the
 * diff against the approved version when changed, and the analysis checks. Rebuilt from an
 * immutable {@link Review} on selection. FX thread only.
 */
final class FunctionDetailView extends VBox {
    private final Label title = new Label();
    private final Label description = new Label();
    private final TableView<ReviewText.Parameter> parameters = new TableView<>();
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
        description.setWrapText(true);
        responses.setWrapText(true);
        parameters.setId("parameter-table");
        parameters.getColumns().add(column("Name", p -> p.name()));
        parameters.getColumns().add(column("Type", p -> p.type()));
        parameters.getColumns().add(column("Required", p -> p.required() ? "yes" : "no"));
        parameters.getColumns().forEach(c -> c.setMinWidth(90));
        TableColumn<ReviewText.Parameter, String> desc = column("Description", p -> p.description());
        desc.setPrefWidth(260);
        parameters.getColumns().add(desc);
        parameters.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        parameters.setPrefHeight(150);
        parameters.setMinHeight(150);
        code = CodeBlockView.selectable("python", "", highlightPool);
        code.setId("function-code");
        diff = CodeBlockView.selectable("diff", "", highlightPool);
        diff.setId("function-diff");
        // What a reviewer needs first: what it does, what the checks found, what it takes, the code (and what
        // changed); then what it returns and raises.
        getChildren().addAll(title, description, section("Checks"), checks, section("Parameters"), parameters,
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
        String about = ReviewText.description(f);
        description.setText(about.isBlank() ? "No description yet." : about);
        parameters.setItems(FXCollections.observableArrayList(ReviewText.parameters(f)));
        String returns = ReviewText.responses(f);
        responses.setText(returns.isBlank() ? "—" : returns);
        List<String> raises = ReviewText.errors(f);
        errors.getChildren().setAll(raises.isEmpty() ? List.of(new Label("—"))
                : raises.stream().map(e -> new Label("• " + e)).toList());
        List<ReviewText.Example> samples = ReviewText.examples(f);
        examples.getChildren().setAll(samples.isEmpty() ? List.of(new Label("—"))
                : samples.stream().map(e -> wrapped("“" + e.prompt() + "” → " + e.arguments())).toList());
        code.setCode("python", f.code() == null ? "" : f.code());
        boolean changed = f.entry().status() == FunctionStatus.CHANGED && f.diff() != null && !f.diff().isBlank();
        diffTitle.setVisible(changed);
        diffTitle.setManaged(changed);
        diff.setVisible(changed);
        diff.setManaged(changed);
        if (changed) {
            diff.setCode("diff", f.diff());
        }
        checks.getChildren().setAll(ReviewText.checks(f).stream()
                .map(c -> {
                    Label l = wrapped((c.passed() ? "✓ " : "✗ ") + c.text());
                    l.getStyleClass().add(c.passed() ? "success" : "danger");
                    return l;
                }).toList());
    }


    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("detail-section-title");
        return l;
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        return l;
    }

    private static TableColumn<ReviewText.Parameter, String> column(
            String name, java.util.function.Function<ReviewText.Parameter, String> value) {
        TableColumn<ReviewText.Parameter, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        return c;
    }
}
