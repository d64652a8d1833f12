package io.toolsmith.mcp;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolsmith.data.DataNames;
import io.toolsmith.data.DataTree;
import io.toolsmith.data.DataTreeException;
import io.toolsmith.data.PickleReadException;
import io.toolsmith.data.PickleReader;
import io.toolsmith.data.PyJson;
import io.toolsmith.data.PyValue;
import io.toolsmith.data.TreeEntry;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The data folder's pickle files as read-only MCP resources, each read as {@code toolsmith inspect --json} shows
 * it: through the data tree (no link followed, no pipe opened) and the pickle reader's limits, never by running
 * any of the file's code. The functions wrote these files, so names and contents are untrusted.
 */
final class DataResources {
    static final String SCHEME = "toolsmith-data:///";
    private static final int MAX_LISTED = 1000;

    private final Path folder;
    private final long maxBytes;

    DataResources(Path folder, long maxBytes) {
        this.folder = folder;
        this.maxBytes = maxBytes;
    }

    static boolean isPickle(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        return name.endsWith(".pkl") || name.endsWith(".pickle");
    }

    /** The pickle files now in the folder, sorted by path; the first thousand. */
    List<McpSchema.Resource> list() {
        List<McpSchema.Resource> resources = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return resources;
        }
        try {
            for (TreeEntry entry : new DataTree(folder).walk().sorted()) {
                if (entry.kind() == TreeEntry.Kind.FILE && isPickle(entry.path()) && resources.size() < MAX_LISTED) {
                    resources.add(McpSchema.Resource.builder().uri(uri(entry.path()))
                            .name(DataNames.display(entry.path())).mimeType("application/json").size(entry.size())
                            .description("A data file of Toolsmith's functions, as JSON (read-only).").build());
                }
            }
        } catch (IOException | DataTreeException e) {
            // Listed as nothing: the host can still read a file it names, and the reason is in the log.
            org.slf4j.LoggerFactory.getLogger(DataResources.class).warn("The data folder could not be listed: {}",
                    e.getMessage());
        }
        return resources;
    }

    static String uri(String path) {
        List<String> parts = new ArrayList<>();
        for (String name : path.split("/", -1)) {
            parts.add(URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return SCHEME + String.join("/", parts);
    }

    /** The file's JSON mapping; refused with a sentence when it is not a readable pickle in the folder. */
    McpSchema.ReadResourceResult read(String uri) {
        if (uri == null || !uri.startsWith(SCHEME)) {
            throw refusal("The resource " + uri + " is not a Toolsmith data file; data files start with " + SCHEME + ".");
        }
        List<String> names = new ArrayList<>();
        for (String part : uri.substring(SCHEME.length()).split("/", -1)) {
            names.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        String path = String.join("/", names);
        if (DataNames.elements(path).isEmpty()) {
            throw refusal("The resource " + uri + " does not name a file inside the data folder.");
        }
        try {
            PyValue value = new PickleReader(maxBytes).read(DataNames.display(path),
                    new DataTree(folder).read(path, maxBytes));
            StringWriter json = new StringWriter();
            String stopped = PyJson.write(value, json, true, maxBytes);
            if (stopped != null) {
                throw refusal(DataNames.display(path) + " was not sent: " + stopped + ". Raise the limit for large "
                        + "data files in Toolsmith's settings, or open it in the Data tab.");
            }
            return new McpSchema.ReadResourceResult(List.of(
                    new McpSchema.TextResourceContents(uri, "application/json", json.toString())));
        } catch (PickleReadException | DataTreeException e) {
            throw refusal(e.getMessage());
        } catch (IOException e) {
            throw refusal(DataNames.display(path) + " could not be read: " + e.getMessage());
        }
    }

    private static McpError refusal(String sentence) {
        return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(sentence).build();
    }
}
