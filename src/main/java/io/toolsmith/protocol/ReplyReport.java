package io.toolsmith.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A parsed reply summarized as JSON, as {@code toolsmith parse} prints it. */
public final class ReplyReport {
    private ReplyReport() {
    }

    public static ObjectNode toJson(ParsedReply reply) {
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        ArrayNode blocks = report.putArray("blocks");
        for (Block block : reply.blocks()) {
            ObjectNode b = blocks.addObject().put("label", block.label()).put("line", block.startLine());
            if (!block.closed()) {
                b.put("closed", false);
            }
        }
        ArrayNode calls = report.putArray("calls");
        for (FunctionCall call : reply.calls()) {
            ObjectNode c = calls.addObject();
            c.set("id", call.id());
            c.put("function", call.function());
            c.set("arguments", call.arguments());
            c.put("source", call.source().name().toLowerCase());
            strings(c.putArray("repairs"), call.repairs());
        }
        ArrayNode malformed = report.putArray("malformed");
        for (MalformedCall call : reply.malformed()) {
            ObjectNode m = malformed.addObject();
            if (call.id() != null) {
                m.set("id", call.id());
            }
            if (call.function() != null) {
                m.put("function", call.function());
            }
            m.put("problem", call.problem());
        }
        ArrayNode specs = report.putArray("specs");
        for (SpecBlock spec : reply.specs()) {
            ObjectNode s = specs.addObject();
            if (spec.problem() != null) {
                s.put("problem", spec.problem());
            } else if (spec.name() != null) {
                s.put("name", spec.name());
            } else {
                s.put("problem", "The specification has no \"name\".");
            }
        }
        report.put("python", reply.pythonBlocks().size());
        report.put("thinking", reply.thinking().size());
        strings(report.putArray("warnings"), reply.warnings());
        return report;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
