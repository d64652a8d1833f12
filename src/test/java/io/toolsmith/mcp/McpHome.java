package io.toolsmith.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolsmith.functions.FunctionLibrary;
import io.toolsmith.functions.PythonAnalyzer;
import io.toolsmith.settings.Home;
import io.toolsmith.testing.TemplateFolder;
import io.toolsmith.testing.TestJvm;
import io.toolsmith.util.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** A home with a small library (approved, pending, ask-policy functions) and a real {@code toolsmith mcp} for it. */
public final class McpHome {
    static final String ITEMS = "import os, pickle\n"
            + "PATH = os.path.expanduser('~/data/items.pkl')\n\n"
            + "def list_items():\n"
            + "    if not os.path.exists(PATH):\n"
            + "        return []\n"
            + "    with open(PATH, 'rb') as f:\n"
            + "        return pickle.load(f)\n\n"
            + "def add_item(name):\n"
            + "    print('adding', name)\n"
            + "    items = list_items()\n"
            + "    items.append(name)\n"
            + "    with open(PATH, 'wb') as f:\n"
            + "        pickle.dump(items, f)\n"
            + "    return len(items)\n";
    static final String FETCH = "import urllib.request\n\n"
            + "def fetch_page(url):\n"
            + "    return urllib.request.urlopen(url).read().decode()\n";
    static final String GREET = "def greet(name):\n    return 'hello ' + name\n";
    /** Returns text where its spec promises an integer. */
    static final String MISLABELLED = "def mislabelled():\n    return 'not a number'\n";
    static final String FAILING = "def find_item(name):\n    raise KeyError('no item called ' + name)\n";
    static final String SHOUT = "def shout(text):\n    return text.upper()\n";

    private McpHome() {
    }

    /**
     * list_items, add_item, mislabelled, find_item (approved), fetch_page (approved, asks: network), greet (pending);
     * analysed once per test run and copied.
     */
    public static Home prepare(Path root) throws Exception {
        TemplateFolder.copy(TemplateFolder.sharedByTheRun("mcp-home", McpHome::fill), root);
        return new Home(root);
    }

    private static void fill(Path root) throws Exception {
        Home home = new Home(root);
        try (PythonAnalyzer analyzer = new PythonAnalyzer()) {
            FunctionLibrary library = new FunctionLibrary(home.functions(), analyzer);
            library.addCode(ITEMS);
            library.addSpec(spec("list_items", "{}", "[]", "{\"type\": \"array\"}"));
            library.addSpec(spec("add_item", "{\"name\": {\"type\": \"string\"}}", "[\"name\"]", "{\"type\": \"integer\"}"));
            library.addCode(FETCH);
            library.addSpec(spec("fetch_page", "{\"url\": {\"type\": \"string\"}}", "[\"url\"]", "{\"type\": \"string\"}"));
            library.addCode(GREET);
            library.addSpec(spec("greet", "{\"name\": {\"type\": \"string\"}}", "[\"name\"]", "{\"type\": \"string\"}"));
            library.addCode(MISLABELLED);
            library.addSpec(spec("mislabelled", "{}", "[]", "{\"type\": \"integer\"}"));
            library.approve("mislabelled", false);
            library.addCode(FAILING);
            library.addSpec(spec("find_item", "{\"name\": {\"type\": \"string\"}}", "[\"name\"]", "{\"type\": \"string\"}"));
            library.approve("find_item", false);
            library.approve("list_items", false);
            library.approve("add_item", false);
            library.approve("fetch_page", true);
        }
    }

    static ObjectNode spec(String name, String properties, String required, String response) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree("{\"name\": \"" + name + "\", \"description\": \"Test.\", "
                + "\"parameters\": {\"type\": \"object\", \"properties\": " + properties + ", \"required\": "
                + required + "}, \"responses\": [" + response + "]}");
    }

    /** The command that starts {@code toolsmith mcp} for {@code home} from this test's class path. */
    public static List<String> command(Home home) {
        return TestJvm.command("io.toolsmith.Main", "--home", home.root().toString(), "mcp");
    }

    /** The SDK's client over stdio to a real {@code toolsmith mcp} process, initialized. */
    public static McpSyncClient client(Home home, Consumer<List<McpSchema.Tool>> toolsChanged) {
        List<String> command = command(home);
        ServerParameters server = ServerParameters.builder(command.get(0))
                .args(command.subList(1, command.size())).build();
        McpSyncClient client = McpClient.sync(new StdioClientTransport(server, ToolsmithMcpServer.jsonMapper()))
                .clientInfo(new McpSchema.Implementation("toolsmith-test", "1.0"))
                .jsonSchemaValidator(new ToolsmithSchemaValidator())
                .requestTimeout(Duration.ofSeconds(90))
                .initializationTimeout(Duration.ofSeconds(90))
                .toolsChangeConsumer(toolsChanged)
                .build();
        client.initialize();
        return client;
    }
}
