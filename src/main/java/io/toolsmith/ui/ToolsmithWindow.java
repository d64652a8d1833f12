package io.toolsmith.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The desktop window. Launched by {@link io.toolsmith.Main} when no arguments are given. */
public class ToolsmithWindow extends Application {

    public static void launchWindow(String[] args) {
        Application.launch(ToolsmithWindow.class, args);
    }

    @Override
    public void start(Stage stage) {
        BorderPane root = new BorderPane(new Label("Toolsmith"));
        stage.setTitle("Toolsmith");
        stage.setScene(new Scene(root, 1100, 720));
        stage.show();
    }
}
