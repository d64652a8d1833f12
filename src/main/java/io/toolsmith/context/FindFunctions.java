package io.toolsmith.context;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.conversation.CallRecord;
import io.toolsmith.conversation.CallRecord.CallStatus;
import io.toolsmith.llm.ToolSpec;
import io.toolsmith.protocol.FunctionCall;
import io.toolsmith.util.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in {@code find_functions} call: the model names what it needs and gets the specs of the approved
 * functions that match best. It reads the library only, so it needs no sandbox and changes nothing.
 */
public final class FindFunctions {
    public static final String NAME = "find_functions";
    /** Enough to choose from, few enough to keep the answer short. */
    public static final int LIMIT = 5;

    private FindFunctions() {
    }

    public static boolean handles(String function) {
        return NAME.equals(function);
    }

    /** The call as a native tool, for servers that describe functions themselves. */
    public static ToolSpec tool() {
        ObjectNode parameters = Json.MAPPER.createObjectNode().put("type", "object");
        parameters.putObject("properties").putObject("query").put("type", "string")
                .put("description", "What the function should do, in a few words.");
        parameters.putArray("required").add("query");
        return new ToolSpec(NAME, "Finds approved functions that are not described yet and returns their specs.",
                parameters);
    }

    /** Answers one call with the matching specs (an empty list when none match). */
    public static CallRecord answer(FunctionCall call, List<ObjectNode> approved) {
        String query = call.arguments() == null ? "" : call.arguments().path("query").asText("").strip();
        if (query.isEmpty()) {
            return new CallRecord(call.id(), call.function(), call.arguments(), CallStatus.ERROR, null,
                    "MissingQueryError", "find_functions needs a \"query\": a few words about what the function "
                    + "should do.", null, 0);
        }
        Map<String, ObjectNode> byName = new LinkedHashMap<>();
        approved.forEach(spec -> byName.putIfAbsent(spec.path("name").asText(""), spec));
        ArrayNode found = Json.MAPPER.createArrayNode();
        for (String name : new SpecIndex(approved).rank(query, LIMIT)) {
            found.add(byName.get(name));
        }
        return new CallRecord(call.id(), call.function(), call.arguments(), CallStatus.OK, found, null, null, null, 0);
    }
}
