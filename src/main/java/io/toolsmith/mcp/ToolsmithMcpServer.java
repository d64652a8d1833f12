package io.toolsmith.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.toolsmith.app.AppVersion;
import io.toolsmith.app.Engine;
import io.toolsmith.functions.FunctionEntry;
import io.toolsmith.functions.LibraryWatcher;
import io.toolsmith.util.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Toolsmith's library as an MCP server: approved functions as tools, {@code propose_function}, and the data folder's
 * pickle files as read-only resources. Every function of the library is registered with the SDK so that a call to a
 * pending one reaches Toolsmith and is refused with its sentence; the list shows only those whose approval matches
 * their code, decided when the host asks.
 */
public final class ToolsmithMcpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ToolsmithMcpServer.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Engine engine;
    private final CallExecutor calls;
    private final DataResources data;
    private final Map<String, McpSchema.Tool> registered = new HashMap<>();
    private final Map<String, McpSchema.Resource> resources = new HashMap<>();
    private List<McpSchema.Tool> shown = List.of();
    private McpSyncServer server;
    private LibraryWatcher watcher;

    private ToolsmithMcpServer(Engine engine, CallExecutor calls) {
        this.engine = engine;
        this.calls = calls;
        this.data = new DataResources(engine.dataFolder(), engine.settings().maxPickleMb() * 1024L * 1024L);
    }

    /** The SDK's JSON mapping over a plain Jackson 2 mapper, for servers and clients alike. */
    public static McpJsonMapper jsonMapper() {
        return new JacksonMcpJsonMapper(new ObjectMapper());
    }

    public static ToolsmithMcpServer start(Engine engine, CallExecutor calls, McpServerTransportProvider transport)
            throws IOException {
        ToolsmithMcpServer mcp = new ToolsmithMcpServer(engine, calls);
        FunctionProposals proposals = new FunctionProposals(engine.library());
        mcp.server = McpServer.sync(transport)
                .serverInfo("toolsmith", AppVersion.get())
                .instructions("Tools are Python functions the user approved in Toolsmith; they run in Toolsmith's "
                        + "sandbox, and each call can be undone there. Write a new one with propose_function: it "
                        + "runs only after the user approved it in Toolsmith.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).resources(false, true).build())
                .jsonMapper(jsonMapper())
                // Toolsmith's validator, never the SDK's default; arguments are checked by the call runner itself,
                // as for the chat, so the SDK's own input check is off.
                .jsonSchemaValidator(new ToolsmithSchemaValidator())
                .validateToolInputs(false)
                .addToolFilter((context, tool) -> mcp.visible(tool.name()))
                // The library's tools go in before the server is built: building it starts reading the host's
                // requests, and a tools/list answered before they were added would show none of them.
                .tools(mcp.firstTools(new McpServerFeatures.SyncToolSpecification(FunctionProposals.tool(),
                        (exchange, request) -> proposals.propose(request.arguments()))))
                .build();
        mcp.refreshTools();
        mcp.refreshResources();
        mcp.watcher = LibraryWatcher.start(engine.home().functions(), mcp::refreshTools);
        return mcp;
    }

    private boolean visible(String name) {
        return name.equals(FunctionProposals.NAME)
                || engine.library().find(name).map(FunctionTools::listed).orElse(false);
    }

    /** {@code proposals} and a tool for each function of the library now, registered as the server starts with. */
    private synchronized McpServerFeatures.SyncToolSpecification[] firstTools(
            McpServerFeatures.SyncToolSpecification proposals) {
        List<McpSchema.Tool> nowShown = new ArrayList<>();
        List<McpServerFeatures.SyncToolSpecification> specs = new ArrayList<>(List.of(proposals));
        libraryTools(nowShown).forEach((name, tool) -> {
            specs.add(new McpServerFeatures.SyncToolSpecification(tool, (exchange, request) -> call(exchange, tool, request)));
            registered.put(name, tool);
        });
        shown = List.copyOf(nowShown);
        return specs.toArray(McpServerFeatures.SyncToolSpecification[]::new);
    }

    /** A tool for each function with a spec, by name; those the host may see are also added to {@code shown}. */
    private Map<String, McpSchema.Tool> libraryTools(List<McpSchema.Tool> shownNow) {
        Map<String, McpSchema.Tool> tools = new LinkedHashMap<>();
        for (FunctionEntry entry : engine.library().list()) {
            if (entry.spec() == null || entry.name().startsWith("_") || entry.name().equals(FunctionProposals.NAME)) {
                continue;
            }
            McpSchema.Tool tool = FunctionTools.tool(entry);
            tools.put(entry.name(), tool);
            if (FunctionTools.listed(entry)) {
                shownNow.add(tool);
            }
        }
        return tools;
    }

    /** Brings the registered tools in line with the library and tells the host when its list changed. */
    synchronized void refreshTools() {
        List<McpSchema.Tool> nowShown = new ArrayList<>();
        Map<String, McpSchema.Tool> wanted = libraryTools(nowShown);
        for (String name : List.copyOf(registered.keySet())) {
            if (!wanted.containsKey(name)) {
                server.removeTool(name);
                registered.remove(name);
            }
        }
        wanted.forEach((name, tool) -> {
            if (!tool.equals(registered.get(name))) {
                if (registered.containsKey(name)) {
                    server.removeTool(name);
                }
                server.addTool(new McpServerFeatures.SyncToolSpecification(tool,
                        (exchange, request) -> call(exchange, tool, request)));
                registered.put(name, tool);
            }
        });
        if (!nowShown.equals(shown)) {
            shown = List.copyOf(nowShown);
            server.notifyToolsListChanged();
        }
    }

    /** Brings the listed data files in line with the folder (after each call, which may have written some). */
    synchronized void refreshResources() {
        Map<String, McpSchema.Resource> now = new LinkedHashMap<>();
        data.list().forEach(r -> now.put(r.uri(), r));
        if (now.equals(resources)) {
            return;
        }
        for (String uri : List.copyOf(resources.keySet())) {
            if (!now.containsKey(uri)) {
                server.removeResource(uri);
            }
        }
        now.forEach((uri, resource) -> {
            if (!resource.equals(resources.get(uri))) {
                if (resources.containsKey(uri)) {
                    server.removeResource(uri);
                }
                server.addResource(new McpServerFeatures.SyncResourceSpecification(resource,
                        (exchange, request) -> data.read(request.uri())));
            }
        });
        resources.clear();
        resources.putAll(now);
        server.notifyResourcesListChanged();
    }

    private McpSchema.CallToolResult call(McpSyncServerExchange exchange, McpSchema.Tool tool,
                                          McpSchema.CallToolRequest request) {
        McpSchema.Implementation client = exchange.getClientInfo();
        JsonNode arguments = Json.MAPPER.valueToTree(request.arguments());
        ObjectNode args = arguments instanceof ObjectNode object ? object : Json.MAPPER.createObjectNode();
        CallReply reply = calls.call(client == null ? null : client.name(), tool.name(), args);
        try {
            refreshResources();
        } catch (RuntimeException e) {
            LOG.warn("The data files could not be listed again after a call: {}", e.toString());
        }
        return result(tool, reply);
    }

    static McpSchema.CallToolResult result(McpSchema.Tool tool, CallReply reply) {
        McpSchema.CallToolResult.Builder result = McpSchema.CallToolResult.builder();
        if (reply.ok()) {
            JsonNode value = reply.result() == null ? Json.MAPPER.nullNode() : reply.result();
            result.addTextContent(value.toString()).isError(false);
            if (tool.outputSchema() != null) {
                Map<String, Object> structured = new LinkedHashMap<>();
                structured.put(FunctionTools.RESULT, Json.MAPPER.convertValue(value, Object.class));
                result.structuredContent(structured);
            }
        } else {
            result.addTextContent(reply.errorName() + ": " + reply.message()).isError(true);
        }
        if (reply.output() != null && !reply.output().isBlank()) {
            result.addTextContent("Printed:\n" + reply.output());
        }
        return result.build();
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        if (server != null) {
            server.closeGracefully();
        }
    }
}
