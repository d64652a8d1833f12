package io.toolsmith.ui.settings;

import io.toolsmith.settings.Backend;
import io.toolsmith.settings.CallingMode;
import io.toolsmith.settings.InstructionMode;
import io.toolsmith.settings.SandboxBackend;
import io.toolsmith.settings.SettingChoice;
import io.toolsmith.settings.Theme;
import io.toolsmith.ui.common.BackgroundExecutor;
import io.toolsmith.ui.common.Sentences;
import io.toolsmith.ui.common.Tooltips;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * Settings (Ctrl+,): server, model, prompts, sandbox and look, with a sentence under each field that is
 * not valid. OK validates and saves in the background; the dialog stays open until that worked.
 * FX thread only.
 */
public final class SettingsDialog extends Dialog<SettingsForm> {
    private final SettingsViewModel model = new SettingsViewModel();
    private final SettingsGateway gateway;
    private final BackgroundExecutor background;
    private final Label saveProblem = new Label();

    public SettingsDialog(Window owner, SettingsForm current, SettingsGateway gateway, BackgroundExecutor background,
                          Consumer<SettingsForm> onSaved) {
        this(owner, current, null, gateway, background, onSaved);
    }

    /** {@code modelInUse} is shown as the default model while none is set (null when no model is in use). */
    public SettingsDialog(Window owner, SettingsForm current, String modelInUse, SettingsGateway gateway,
                          BackgroundExecutor background, Consumer<SettingsForm> onSaved) {
        this.gateway = gateway;
        this.background = background;
        initOwner(owner);
        setTitle("Settings");
        setResizable(true);
        model.load(current, modelInUse);
        saveProblem.getStyleClass().add("validation-message");
        saveProblem.setWrapText(true);
        TabPane tabs = new TabPane(
                new Tab("Server", scroll(serverGrid())),
                new Tab("Model", scroll(modelGrid())),
                new Tab("Prompts", scroll(promptsBox())),
                new Tab("Sandbox", scroll(sandboxGrid())),
                new Tab("Look", scroll(lookGrid())),
                new Tab("Integrations", scroll(IntegrationsTab.content())));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        getDialogPane().setContent(new VBox(6, tabs, saveProblem));
        getDialogPane().setId("settings-dialog");
        getDialogPane().setPrefSize(680, 540);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Button ok = (Button) getDialogPane().lookupButton(ButtonType.OK);
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // close only once the save worked
            model.validate().ifPresent(form -> save(form, onSaved));
        });
        setResultConverter(b -> null);
    }

    public SettingsViewModel model() {
        return model;
    }

    private void save(SettingsForm form, Consumer<SettingsForm> onSaved) {
        saveProblem.setText("");
        background.run(() -> {
            gateway.save(form);
            return form;
        }, saved -> {
            onSaved.accept(saved);
            setResult(saved);
            close();
        }, error -> saveProblem.setText(Sentences.of(error)));
    }

    private GridPane serverGrid() {
        Form f = new Form();
        f.row("Model server", "backend", choice(model.backend, Backend.values(), Map.of(
                Backend.OPENAI, "OpenAI-compatible (llama.cpp, LM Studio, vLLM)")));
        BooleanBinding openAi = Bindings.equal(model.backend, Backend.OPENAI);
        f.text("Ollama address", "host", model.host).showWhen(openAi.not());
        f.text("Server address", "openaiBaseUrl", model.openaiBaseUrl).showWhen(openAi);
        PasswordField key = new PasswordField();
        key.setId("setting-apiKey");
        key.setPromptText("Optional");
        key.textProperty().bindBidirectional(model.apiKey);
        Button forget = new Button("Forget key");
        forget.setId("forget-api-key");
        forget.setOnAction(e -> model.forgetApiKey());
        forget.disableProperty().bind(model.canForgetApiKey().not());
        Label status = new Label();
        status.setId("api-key-status");
        status.setWrapText(true);
        status.textProperty().bind(model.apiKeyStatus());
        HBox keyRow = new HBox(8, key, forget);
        HBox.setHgrow(key, Priority.ALWAYS);
        f.row("API key", "apiKey", new VBox(2, keyRow, status)).showWhen(openAi);
        return f.grid;
    }

    private GridPane modelGrid() {
        Form f = new Form();
        TextField defaultModel = new TextField();
        defaultModel.setId("setting-defaultModel");
        defaultModel.setPromptText("Automatic: the first installed model");
        defaultModel.textProperty().bindBidirectional(model.defaultModel);
        f.row("Default model", "defaultModel", new VBox(2, defaultModel, note("default-model-note", model.defaultModelNote())));
        TextField context = new TextField();
        context.setId("setting-contextLength");
        context.setPromptText("Automatic");
        context.textProperty().bindBidirectional(model.contextLength);
        Label contextNote = note("context-length-note", model.contextLengthNote());
        f.row("Context length (tokens)", "contextLength", new VBox(2, context, contextNote));
        f.text("Temperature", "temperature", model.temperature);
        f.text("Top-p", "topP", model.topP);
        f.text("Reply length limit (tokens)", "maxTokens", model.maxTokens);
        f.text("Step limit (rounds per turn)", "stepLimit", model.stepLimit);
        f.text("Calls run per reply", "maxCallsPerReply", model.maxCallsPerReply);
        f.row("Instructions go to", "instructionMode", choice(model.instructionMode, InstructionMode.values(),
                Map.of(InstructionMode.AUTO, "Automatic (by the model's template)")));
        f.row("Functions are offered", "callingMode", choice(model.callingMode, CallingMode.values(),
                Map.of(CallingMode.PROMPT, "In the prompt (any model)",
                        CallingMode.NATIVE, "Through tool calling",
                        CallingMode.AUTO, "Automatic (tool calling if the model has it)")));
        return f.grid;
    }

    private VBox promptsBox() {
        VBox box = new VBox(8);
        for (String name : new TreeSet<>(model.prompts.keySet())) {
            // shown without the file's line breaks; saved as it was unless edited, so the shipped prompt stays
            // recognisable as the default and a later version's prompt still reaches the user
            String[] source = {model.prompts.get(name)};
            TextArea text = new TextArea(PromptText.unwrap(source[0]));
            text.setPrefRowCount(8);
            text.setWrapText(true);
            text.textProperty().addListener((obs, old, now) ->
                    model.prompts.put(name, now.equals(PromptText.unwrap(source[0])) ? source[0] : now));
            Button reset = new Button("Reset");
            reset.setOnAction(e -> background.run(() -> gateway.defaultPrompt(name), shipped -> {
                source[0] = shipped;
                text.setText(PromptText.unwrap(shipped));
                model.prompts.put(name, shipped);
            }, error -> saveProblem.setText(Sentences.of(error))));
            Label title = new Label(PromptText.title(name));
            title.getStyleClass().add("text-bold");
            HBox row = new HBox(8, title, reset);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            box.getChildren().addAll(row, text, error("prompt:" + name));
        }
        return box;
    }

    private GridPane sandboxGrid() {
        Form f = new Form();
        f.row("Runs functions in", "sandboxBackend", choice(model.sandboxBackend, SandboxBackend.values(),
                Map.of(SandboxBackend.LOCAL, "Local (bubblewrap)", SandboxBackend.MICROSANDBOX, "Microsandbox server")));
        f.text("Timeout (seconds)", "sandboxTimeout", model.sandboxTimeout);
        f.text("Memory limit (MB)", "sandboxMemory", model.sandboxMemory);
        CheckBox network = new CheckBox("Pre-tick \u201cmay use the network\u201d when approving");
        network.setWrapText(true);
        Tooltips.set(network, "When you approve a function whose code uses the network, "
                + "its \u201cmay use the network\u201d box starts ticked.");
        network.selectedProperty().bindBidirectional(model.networkByDefault);
        f.row("Network", "network", network);
        CheckBox examples = new CheckBox("Run a function's examples by itself when its code or spec changes");
        examples.setWrapText(true);
        examples.setId("run-examples-on-change");
        examples.selectedProperty().bindBidirectional(model.runExamplesOnChange);
        f.row("Examples", "runExamplesOnChange", examples);
        f.text("Microsandbox address", "microsandboxUrl", model.microsandboxUrl);
        f.text("Data folder", "dataFolder", model.dataFolder);
        return f.grid;
    }

    private GridPane lookGrid() {
        Form f = new Form();
        f.row("Theme", "theme", choice(model.theme, Theme.values(), Map.of()));
        return f.grid;
    }

    private static Label note(String id, javafx.beans.value.ObservableValue<String> text) {
        Label note = new Label();
        note.setId(id);
        note.setWrapText(true);
        note.getStyleClass().add("text-muted");
        note.textProperty().bind(text);
        // an empty note takes no room
        note.managedProperty().bind(note.textProperty().isNotEmpty());
        note.visibleProperty().bind(note.managedProperty());
        return note;
    }

    private Label error(String field) {
        Label l = new Label();
        l.setId("error-" + field.replace(':', '-'));
        l.getStyleClass().add("validation-message");
        l.setWrapText(true);
        model.errors().addListener((javafx.collections.MapChangeListener<String, String>) c -> {
            String message = model.errors().get(field);
            l.setText(message == null ? "" : message);
            l.setManaged(message != null);
            l.setVisible(message != null);
        });
        l.setManaged(false);
        return l;
    }

    /** A choice among a setting's values, each shown by its label or, where given, a longer sentence. */
    private static <E extends Enum<E> & SettingChoice> ChoiceBox<E> choice(ObjectProperty<E> value, E[] values,
                                                                           Map<E, String> names) {
        ChoiceBox<E> box = new ChoiceBox<>();
        box.getItems().setAll(values);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(E item) {
                return item == null ? "" : names.getOrDefault(item, item.label());
            }

            @Override
            public E fromString(String text) {
                return null; // not editable
            }
        });
        box.valueProperty().bindBidirectional(value);
        box.setMaxWidth(Double.MAX_VALUE); // as wide as the fields, so a long choice is not cut short
        return box;
    }

    private static ScrollPane scroll(Node content) {
        ScrollPane s = new ScrollPane(content);
        s.setFitToWidth(true);
        s.setStyle("-fx-padding: 8;");
        return s;
    }

    /** A two-column grid with an error line under each field. */
    private final class Form {
        final GridPane grid = new GridPane();
        int row;

        Form() {
            grid.setHgap(10);
            grid.setVgap(4);
            // The labels' column is as wide as its longest label, never cut to "Context len…"; the fields take the rest.
            ColumnConstraints labels = new ColumnConstraints();
            labels.setMinWidth(Region.USE_PREF_SIZE);
            ColumnConstraints fields = new ColumnConstraints();
            fields.setHgrow(Priority.ALWAYS);
            fields.setFillWidth(true);
            fields.setMinWidth(160);
            grid.getColumnConstraints().setAll(labels, fields);
        }

        Row text(String label, String field, StringProperty value) {
            TextField input = new TextField();
            input.setId("setting-" + field);
            input.textProperty().bindBidirectional(value);
            return row(label, field, input);
        }

        Row row(String label, String field, Node input) {
            if (input.getId() == null && input instanceof javafx.scene.control.Control) {
                input.setId("setting-" + field); // a composite row names its own controls
            }
            Label name = new Label(label);
            name.setMinWidth(Region.USE_PREF_SIZE);
            GridPane.setValignment(name, javafx.geometry.VPos.TOP);
            name.setPadding(new javafx.geometry.Insets(5, 0, 0, 0)); // level with the field's text
            VBox box = new VBox(2, input, error(field));
            grid.add(name, 0, row);
            grid.add(box, 1, row++);
            return new Row(name, box);
        }
    }

    /** One labelled field of a {@link Form}. */
    private record Row(Label name, VBox box) {
        /** Shows the row, and gives it room, only while the condition holds. */
        void showWhen(BooleanBinding condition) {
            for (Node n : new Node[] {name, box}) {
                n.visibleProperty().bind(condition);
                n.managedProperty().bind(condition);
            }
        }
    }
}
