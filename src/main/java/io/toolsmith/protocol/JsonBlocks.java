package io.toolsmith.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocks labelled {@code json}: usually plain data, but real models also put a call or a function specification
 * there instead of in function_call / function_spec blocks. Those are accepted with a note so the turn is not
 * lost; a json block shaped like a function_output is flagged like a model-written function_output.
 */
final class JsonBlocks {
    private JsonBlocks() {
    }

    static void read(Block block, ReplyParser.Collector out) {
        LenientJson.Repaired value;
        try {
            value = LenientJson.parse(block.content());
        } catch (LenientJsonException e) {
            return; // json that is not JSON is just text shown to the user.
        }
        JsonNode node = value.value();
        if (!node.isObject()) {
            return;
        }
        if (node.has("function") || (node.has("name") && node.has("arguments"))) {
            List<String> repairs = new ArrayList<>(value.repairs());
            repairs.add(0, "read a call from a json block; calls belong in function_call blocks");
            out.add(out.reader.read(node, "json", CallSource.JSON_BLOCK, repairs, block.content()));
        } else if (node.has("name") && (node.has("parameters") || node.has("description"))) {
            out.warnings.add("The json block on line " + block.startLine() + " was read as a function specification; "
                    + "specifications belong in function_spec blocks.");
            out.specs.add(ReplyParser.readSpec(block, out));
        } else if (node.has("id") && (node.has("result") || node.has("error"))) {
            out.warnings.add("The reply contains a json block (line " + block.startLine() + ") shaped like a "
                    + "function_output written by the model; it was ignored.");
        }
    }
}
