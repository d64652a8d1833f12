package io.toolsmith.ui.settings;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.VBox;

/**
 * Settings → Integrations: how to use the approved functions from other apps over MCP ({@code toolsmith mcp}), with
 * the configuration each app wants and a button that copies it. FX thread only.
 */
final class IntegrationsTab {
    /** One app that starts {@code toolsmith mcp}, and where its configuration goes. */
    record Host(String id, String name, String where) {
    }

    static final List<Host> HOSTS = List.of(
            new Host("claude-desktop", "Claude Desktop", "Settings → Developer → Edit Config opens "
                    + "claude_desktop_config.json; add this and restart Claude Desktop."),
            new Host("lm-studio", "LM Studio", "Program tab → Install → Edit mcp.json; add this to it."),
            new Host("jan", "Jan", "Settings → MCP Servers → add a server with command 'toolsmith' and argument "
                    + "'mcp', or paste this as its JSON."));

    private IntegrationsTab() {
    }

    /** The {@code mcpServers} entry the three apps share: each starts {@code toolsmith mcp} over stdio. */
    static String snippet() {
        return "{\n"
                + "  \"mcpServers\": {\n"
                + "    \"toolsmith\": {\n"
                + "      \"command\": \"toolsmith\",\n"
                + "      \"args\": [\"mcp\"]\n"
                + "    }\n"
                + "  }\n"
                + "}";
    }

    static VBox content() {
        VBox box = new VBox(8);
        box.setPadding(new Insets(12));
        Label intro = new Label("Other apps can call your approved functions over MCP. They run in Toolsmith's "
                + "sandbox, each call can be undone in the Data tab, and calls show in Activity. Functions set to "
                + "ask are confirmed here while this window is open, and refused otherwise. A host's model can "
                + "propose new functions; they wait for your review in the Functions tab.");
        intro.setWrapText(true);
        box.getChildren().add(intro);
        for (Host host : HOSTS) {
            Label title = new Label(host.name());
            title.getStyleClass().add("title-4");
            Label where = new Label(host.where());
            where.setWrapText(true);
            TextArea text = new TextArea(snippet());
            text.setEditable(false);
            text.setPrefRowCount(7);
            text.setId("mcp-snippet-" + host.id());
            Button copy = new Button("Copy");
            copy.setId("mcp-copy-" + host.id());
            copy.setOnAction(e -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(text.getText());
                Clipboard.getSystemClipboard().setContent(content);
                copy.setText("Copied");
            });
            box.getChildren().addAll(title, where, text, copy);
        }
        box.setId("integrations");
        return box;
    }
}
