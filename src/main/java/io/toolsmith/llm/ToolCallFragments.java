package io.toolsmith.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reassembles OpenAI-style streamed tool calls: {@code arguments} arrives as string fragments keyed by
 * {@code index}, with {@code id} and {@code name} only on the first fragment. Servers that send each call whole
 * fit the same path. One thread only.
 */
final class ToolCallFragments {
    private static final class Partial {
        String id;
        String name;
        final StringBuilder arguments = new StringBuilder();
    }

    private final Map<Integer, Partial> calls = new TreeMap<>();
    private int lastIndex = -1;

    void add(JsonNode deltaToolCalls) {
        if (deltaToolCalls == null || !deltaToolCalls.isArray()) {
            return;
        }
        for (JsonNode fragment : deltaToolCalls) {
            String id = OllamaWire.text(fragment, "id");
            int index;
            if (fragment.path("index").canConvertToInt()) {
                index = fragment.path("index").asInt();
            } else if (lastIndex < 0 || (id != null && !id.equals(calls.get(lastIndex).id))) {
                index = calls.size();
            } else {
                index = lastIndex;
            }
            lastIndex = index;
            Partial call = calls.computeIfAbsent(index, i -> new Partial());
            if (id != null && call.id == null) {
                call.id = id;
            }
            JsonNode function = fragment.path("function");
            String name = OllamaWire.text(function, "name");
            if (name != null && call.name == null) {
                call.name = name;
            }
            JsonNode arguments = function.get("arguments");
            if (arguments != null && arguments.isTextual()) {
                call.arguments.append(arguments.asText());
            } else if (arguments != null && arguments.isObject()) {
                call.arguments.append(arguments);
            }
        }
    }

    boolean isEmpty() {
        return calls.isEmpty();
    }

    List<ToolCall> calls() {
        List<ToolCall> result = new ArrayList<>();
        calls.values().forEach(c -> result.add(new ToolCall(c.id, c.name,
                OllamaWire.parseArguments(c.arguments.toString()))));
        return result;
    }
}
